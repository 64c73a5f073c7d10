namespace Dossier.Annotate;

/// <summary>Settings of a training run; the same settings and data give the same model, byte for byte.</summary>
public sealed record PerceptronTrainingOptions
{
    public int Epochs { get; init; } = 12;
    public int BucketBits { get; init; } = 20;
    public ulong ShuffleSeed { get; init; } = 20031;
}

/// <summary>What one epoch scored on the held-out documents (entity-level, exact span and type).</summary>
public sealed record EpochReport(int Epoch, double Precision, double Recall, double F1, int Mistakes);

/// <summary>Trains <see cref="PerceptronEntityModel"/>: averaged structured perceptron with Viterbi decoding.</summary>
public sealed class PerceptronTrainer(Gazetteer gazetteer, PerceptronTrainingOptions options)
{
    private sealed record Example(int[][] Features, int[] Gold);

    public PerceptronEntityModel Train(IReadOnlyList<TaggedDocument> train, IReadOnlyList<TaggedDocument>? valid = null, Action<EpochReport>? onEpoch = null)
    {
        const int T = EntityTags.Count;
        var features = new EntityFeatures(gazetteer, options.BucketBits);
        var examples = Featurise(features, train);

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
                var predicted = PerceptronEntityModel.Decode(example.Features, weights, transitions);
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
                var snapshot = new PerceptronEntityModel(gazetteer, options.BucketBits, Average(weights, totals, step), Average(transitions, transitionTotals, step));
                var (p, r, f1) = Score(valid, snapshot);
                onEpoch(new EpochReport(epoch, p, r, f1, mistakes));
            }
            else onEpoch?.Invoke(new EpochReport(epoch, double.NaN, double.NaN, double.NaN, mistakes));
        }
        return new PerceptronEntityModel(gazetteer, options.BucketBits, Average(weights, totals, step), Average(transitions, transitionTotals, step));
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

    private static List<Example> Featurise(EntityFeatures features, IReadOnlyList<TaggedDocument> documents)
    {
        var examples = new List<Example>();
        foreach (var document in documents)
        {
            var evidence = EntityFeatures.DocumentEvidence.Of(document.Sentences.Select(s => s.Words));
            var cache = new EntityFeatures.WordCache();
            foreach (var sentence in document.Sentences)
                if (sentence.Words.Count > 0) examples.Add(new Example(features.Sentence(sentence.Words, evidence, cache), [.. sentence.Tags]));
        }
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
