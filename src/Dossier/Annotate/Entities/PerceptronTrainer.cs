namespace Dossier.Annotate;

/// <summary>Settings of a training run; the same settings and data give the same model, byte for byte.</summary>
public sealed record PerceptronTrainingOptions
{
    public int Epochs { get; init; } = 12;
    public int BucketBits { get; init; } = 20;
    public ulong ShuffleSeed { get; init; } = 20031;

    /// <summary>Training documents are split this many ways for the second pass's first-pass labels; 0 trains one pass only.</summary>
    public int SecondPassFolds { get; init; } = 5;

    /// <summary>The tags the passes learn and decode in (their output is IOB2 either way).</summary>
    public string Scheme { get; init; } = TagScheme.Bilou.Name;

    /// <summary>Feature buckets seen fewer times than this in a pass's training examples are left out of its training.</summary>
    public int MinFeatureCount { get; init; } = 2;
}

/// <summary>What one epoch scored on the held-out documents (entity-level, exact span and type).</summary>
public sealed record EpochReport(int Epoch, double Precision, double Recall, double F1, int Mistakes, string Pass = "first");

/// <summary>Trains <see cref="PerceptronEntityModel"/>: averaged structured perceptron with Viterbi decoding.</summary>
public sealed class PerceptronTrainer(Gazetteer gazetteer, PerceptronTrainingOptions options)
{
    private sealed record Example(int[][] Features, int[] Gold);

    private readonly TagScheme _scheme = options.Scheme == TagScheme.Bilou.Name ? TagScheme.Bilou
        : options.Scheme == TagScheme.Iob2.Name ? TagScheme.Iob2 : throw new ArgumentException($"unknown tag scheme '{options.Scheme}' (iob2 or bilou)", nameof(options));

    public PerceptronEntityModel Train(IReadOnlyList<TaggedDocument> train, IReadOnlyList<TaggedDocument>? valid = null, Action<EpochReport>? onEpoch = null)
    {
        var features = new EntityFeatures(gazetteer, options.BucketBits);
        var byDocument = train.Select(d => Featurise(features, d, _scheme)).ToList();
        var cut = options.MinFeatureCount;
        var prunedFirst = Prune(byDocument.SelectMany(e => e).ToList(), cut);
        var (weights, transitions) = TrainPass(prunedFirst, (w, t) => new PerceptronEntityModel(gazetteer, options.BucketBits, _scheme, w, t), "first", valid, onEpoch);
        var first = new PerceptronEntityModel(gazetteer, options.BucketBits, _scheme, weights, transitions);
        if (options.SecondPassFolds < 2) return first;

        // The second pass learns from first-pass labels of documents the first pass never saw, as it will meet them.
        var heldOut = new List<int[]>[train.Count];
        for (var fold = 0; fold < options.SecondPassFolds; fold++)
        {
            var rest = Prune(Enumerable.Range(0, train.Count).Where(d => d % options.SecondPassFolds != fold).SelectMany(d => byDocument[d]).ToList(), cut);
            var (w, t) = TrainPass(rest, (w, t) => new PerceptronEntityModel(gazetteer, options.BucketBits, _scheme, w, t), "fold", null, null);
            var foldModel = new PerceptronEntityModel(gazetteer, options.BucketBits, _scheme, w, t);
            for (var d = fold; d < train.Count; d += options.SecondPassFolds)
                heldOut[d] = foldModel.TagFirstPass([.. train[d].Sentences.Select(s => s.Words)]);
        }
        var second = new List<Example>();
        for (var d = 0; d < train.Count; d++)
        {
            var sentences = train[d].Sentences.Select(s => s.Words).ToList();
            var firstPass = EntityFeatures.FirstPass.Of(sentences, heldOut[d]);
            var lastSeen = new Dictionary<string, int>(StringComparer.Ordinal);
            var e = 0;
            for (var s = 0; s < sentences.Count; s++)
                if (sentences[s].Count > 0)
                {
                    var example = byDocument[d][e++];
                    second.Add(example with { Features = features.SecondPass(sentences[s], s, example.Features, firstPass, lastSeen) });
                }
        }
        var (secondWeights, secondTransitions) = TrainPass(Prune(second, cut), first.WithSecondPass, "second", valid, onEpoch);
        return first.WithSecondPass(secondWeights, secondTransitions);
    }

    /// <summary>One pass's averaged weights and transitions, trained over the examples in a fixed shuffled order per epoch.</summary>
    private (float[] Weights, float[] Transitions) TrainPass(List<Example> examples, Func<float[], float[], PerceptronEntityModel> snapshotOf,
        string pass, IReadOnlyList<TaggedDocument>? valid, Action<EpochReport>? onEpoch)
    {
        var T = _scheme.Count;
        var size = (1 << options.BucketBits) * T;
        var weights = new float[size];
        var totals = new double[size]; // the running sum of each weight's updates times the step they happened at
        var transitions = new float[(T + 1) * T];
        var transitionTotals = new double[transitions.Length];
        var order = Enumerable.Range(0, examples.Count).ToArray();
        var random = new SplitMix(options.ShuffleSeed);
        var step = 1L;

        for (var epoch = 1; epoch <= options.Epochs; epoch++)
        {
            for (var i = order.Length - 1; i > 0; i--)
            {
                var j = (int)(random.Next() % (ulong)(i + 1));
                (order[i], order[j]) = (order[j], order[i]);
            }
            var mistakes = 0;
            foreach (var index in order)
            {
                var example = examples[index];
                var predicted = PerceptronEntityModel.Decode(example.Features, weights, transitions, _scheme);
                var wrong = false;
                for (var k = 0; k < predicted.Length; k++)
                {
                    var gold = example.Gold[k];
                    var guess = predicted[k];
                    if (gold != guess)
                    {
                        wrong = true;
                        foreach (var f in example.Features[k])
                        {
                            Update(weights, totals, f * T + gold, 1, step);
                            Update(weights, totals, f * T + guess, -1, step);
                        }
                    }
                    var goldPrevious = k == 0 ? -1 : example.Gold[k - 1];
                    var guessPrevious = k == 0 ? -1 : predicted[k - 1];
                    if (gold != guess || goldPrevious != guessPrevious)
                    {
                        Update(transitions, transitionTotals, (goldPrevious + 1) * T + gold, 1, step);
                        Update(transitions, transitionTotals, (guessPrevious + 1) * T + guess, -1, step);
                    }
                }
                if (wrong) mistakes++;
                step++;
            }
            if (valid is not null && onEpoch is not null)
            {
                var (p, r, f1) = Score(valid, snapshotOf(Average(weights, totals, step), Average(transitions, transitionTotals, step)));
                onEpoch(new EpochReport(epoch, p, r, f1, mistakes, pass));
            }
            else onEpoch?.Invoke(new EpochReport(epoch, double.NaN, double.NaN, double.NaN, mistakes, pass));
        }
        return (Average(weights, totals, step), Average(transitions, transitionTotals, step));
    }

    private static void Update(float[] weights, double[] totals, int index, int delta, long step)
    {
        weights[index] += delta;
        totals[index] += (double)step * delta;
    }

    /// <summary>The averaged weights: each weight less its step-weighted updates over the steps taken (Daumé's trick).</summary>
    private static float[] Average(float[] weights, double[] totals, long step)
    {
        var result = new float[weights.Length];
        for (var i = 0; i < weights.Length; i++)
            if (weights[i] != 0 || totals[i] != 0) result[i] = (float)(weights[i] - totals[i] / step);
        return result;
    }

    /// <summary>The examples without the feature buckets seen fewer than <paramref name="min"/> times in them.</summary>
    private List<Example> Prune(List<Example> examples, int min)
    {
        if (min <= 1) return examples;
        var counts = new int[1 << options.BucketBits];
        foreach (var e in examples)
            foreach (var word in e.Features)
                foreach (var f in word) counts[f]++;
        return [.. examples.Select(e => e with { Features = [.. e.Features.Select(word => word.Where(f => counts[f] >= min).ToArray())] })];
    }

    private static List<Example> Featurise(EntityFeatures features, TaggedDocument document, TagScheme scheme)
    {
        var examples = new List<Example>();
        var evidence = EntityFeatures.DocumentEvidence.Of(document.Sentences.Select(s => s.Words));
        var cache = new EntityFeatures.WordCache();
        foreach (var sentence in document.Sentences)
            if (sentence.Words.Count > 0) examples.Add(new Example(features.Sentence(sentence.Words, evidence, cache), scheme.FromIob(sentence.Tags)));
        return examples;
    }

    /// <summary>Scores the model as the pipeline runs it, document by document, after its document-level corrections.</summary>
    private static (double Precision, double Recall, double F1) Score(IReadOnlyList<TaggedDocument> documents, PerceptronEntityModel model)
    {
        var (gold, found, correct) = (0, 0, 0);
        foreach (var document in documents)
        {
            var predicted = model.TagDocument([.. document.Sentences.Select(s => s.Words)]);
            for (var s = 0; s < predicted.Count; s++)
            {
                var truth = EntityTags.Chunks(document.Sentences[s].Tags).ToHashSet();
                var guess = EntityTags.Chunks(predicted[s]).ToHashSet();
                gold += truth.Count;
                found += guess.Count;
                correct += guess.Count(truth.Contains);
            }
        }
        return EntityScore.Of(gold, found, correct);
    }

    /// <summary>A fixed pseudo-random sequence (SplitMix64), so shuffles never depend on the runtime's Random.</summary>
    private sealed class SplitMix(ulong seed)
    {
        private ulong _state = seed;

        public ulong Next()
        {
            var z = _state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }
}

/// <summary>Precision, recall and F1 (percent) from entity counts.</summary>
public static class EntityScore
{
    public static (double Precision, double Recall, double F1) Of(int gold, int found, int correct)
    {
        var p = found == 0 ? 0 : 100.0 * correct / found;
        var r = gold == 0 ? 0 : 100.0 * correct / gold;
        return (p, r, p + r == 0 ? 0 : 2 * p * r / (p + r));
    }
}
