using AngleSharp.Dom;

namespace Dossier.Extract.Html;

/// <summary>What the survey knows of one element: its place in document order and the text its subtree holds.</summary>
internal struct ContentNode
{
    public IElement Element;
    /// <summary>The element's local name, lower case ("div").</summary>
    public string Tag;
    /// <summary>The parent's index, or -1 for the root.</summary>
    public int Parent;
    /// <summary>One past the last element of this subtree in document order.</summary>
    public int End;
    /// <summary>Letters (non-space characters) of text in the subtree, dropped parts not counted.</summary>
    public int Text;
    /// <summary>Letters of the subtree's text inside links.</summary>
    public int Links;
    /// <summary>Links in the subtree.</summary>
    public int Anchors;
    /// <summary>Commas in the subtree's text, as Readability counts them.</summary>
    public int Commas;
    /// <summary>Commas in the element's own text nodes.</summary>
    public int OwnCommas;
    /// <summary>Letters of the element's own text nodes.</summary>
    public int Own;
    /// <summary>Letters of text in the subtree, dropped parts included.</summary>
    public int RawText;
    /// <summary>What the element's tag, role and class words say of it.</summary>
    public Boilerplate Judged;
    /// <summary>Left out itself, once the judgement is weighed against what the subtree holds.</summary>
    public bool Dropped;
    /// <summary>Dropped itself or inside something dropped.</summary>
    public bool Gone;
    /// <summary>Named as the story's body (itemprop=articleBody, "article-body").</summary>
    public bool Marker;
    /// <summary>The element or one below it is a <see cref="Marker"/>.</summary>
    public bool HoldsMarker;
    /// <summary>Some child is a block-level element.</summary>
    public bool BlockChild;
    /// <summary>Never read as text (script, style, form controls); its children are not surveyed.</summary>
    public bool Unread;
    /// <summary>Readability's class weight: story words add, furniture words subtract.</summary>
    public int Weight;
    public double Score;
    public bool Scored;
    /// <summary>Why the element is dropped, in a word or two.</summary>
    public string? Reason;

    public readonly double LinkDensity => Text > 0 ? (double)Links / Text : 0;
}

/// <summary>
/// One pass over the page in document order (an explicit stack, never recursion) that records every element with its
/// parent and subtree end, then sums text, link text and commas bottom-up so no subtree's text is read twice.
/// </summary>
internal sealed class ContentSurvey
{
    private ContentNode[] _nodes = new ContentNode[256];
    // Pages repeat their class names element after element; each is judged once.
    private readonly Dictionary<string, ClassVerdict> _verdicts = new(StringComparer.Ordinal);

    /// <summary>Every element under the root, in document order; the first <see cref="Count"/> are used.</summary>
    public ContentNode[] Nodes => _nodes;

    public int Count { get; private set; }

    public ContentSurvey(IElement root)
    {
        Walk(root);
        Sum(raw: true);
        Resolve();
        Sum(raw: false);
    }

    public ref ContentNode this[int index] => ref Nodes[index];

    private void Walk(IElement root)
    {
        var stack = new Stack<(INode Node, int Parent)>();
        stack.Push((root, -1));
        var openEnds = new Stack<int>();
        while (stack.Count > 0)
        {
            var (node, parent) = stack.Pop();
            // Close the subtrees this node is not inside: their End is the next index.
            while (openEnds.Count > 0 && openEnds.Peek() != parent)
                Nodes[openEnds.Pop()].End = Count;
            if (node is IText text)
            {
                if (parent >= 0) CountText(ref Nodes[parent], text.Data);
                continue;
            }
            if (node is not IElement element) continue;
            var index = Add(element, parent);
            openEnds.Push(index);
            if (Nodes[index].Unread) continue;
            // Indexed: AngleSharp finds a sibling by searching its parent's children, quadratic on wide pages.
            var children = node.ChildNodes;
            for (var k = children.Length - 1; k >= 0; k--)
                if (children[k] is IElement or IText) stack.Push((children[k], index));
        }
        while (openEnds.Count > 0) Nodes[openEnds.Pop()].End = Count;
    }

    private int Add(IElement element, int parent)
    {
        if (Count == _nodes.Length) Array.Resize(ref _nodes, _nodes.Length * 2);
        var tag = element.LocalName;
        ref var n = ref _nodes[Count];
        n = default;
        n.Element = element;
        n.Tag = tag;
        n.Parent = parent;
        if (parent >= 0 && ContentVocabulary.Blocks.Contains(tag)) Nodes[parent].BlockChild = true;
        if (ContentVocabulary.Unread.Contains(tag))
        {
            n.Unread = true;
            n.Judged = Boilerplate.Hard;
        }
        else
        {
            var classes = element.GetAttribute("class");
            var id = element.GetAttribute("id");
            var classAndId = id is null ? classes : classes is null ? id : classes + " " + id;
            var words = ClassVerdict.None;
            if (!string.IsNullOrEmpty(classAndId) && !_verdicts.TryGetValue(classAndId, out words))
                _verdicts[classAndId] = words = ContentVocabulary.JudgeWords(classAndId);
            n.Marker = words.Marker;
            n.Judged = ContentVocabulary.Judge(tag, words, element.GetAttribute("role"), IsHidden(element), out n.Reason, out n.Weight);
            // Layout words on a word-level element ("product-title" on a span in a sentence) describe the words, not furniture.
            if (n.Judged == Boilerplate.Weak && ContentVocabulary.Inline.Contains(tag)) n.Judged = Boilerplate.None;
            if (!n.Marker && string.Equals(element.GetAttribute("itemprop"), "articleBody", StringComparison.OrdinalIgnoreCase))
            {
                n.Marker = true;
                n.Weight += 50;
            }
        }
        return Count++;
    }

    private static bool IsHidden(IElement element)
    {
        if (element.HasAttribute("hidden")) return true;
        if (string.Equals(element.GetAttribute("aria-hidden"), "true", StringComparison.OrdinalIgnoreCase)) return true;
        var style = element.GetAttribute("style");
        if (style is null || style.Length > 2000) return false;
        return Squeezed(style, "display:none") || Squeezed(style, "visibility:hidden");
    }

    /// <summary>Whether <paramref name="style"/> contains <paramref name="rule"/> once spaces are ignored.</summary>
    private static bool Squeezed(string style, string rule)
    {
        for (var start = 0; start < style.Length; start++)
        {
            int i = start, j = 0;
            while (i < style.Length && j < rule.Length)
            {
                if (style[i] == ' ') { i++; continue; }
                if (char.ToLowerInvariant(style[i]) != rule[j]) break;
                i++; j++;
            }
            if (j == rule.Length) return true;
        }
        return false;
    }

    private static void CountText(ref ContentNode node, string data)
    {
        var letters = 0;
        var commas = 0;
        foreach (var c in data)
        {
            if (char.IsWhiteSpace(c)) continue;
            letters++;
            if (c is ',' or '，' or '、' or '،') commas++;
        }
        node.Own += letters;
        node.OwnCommas += commas;
    }

    /// <summary>Sums text bottom-up: children follow their parent in document order, so one backward sweep suffices.</summary>
    private void Sum(bool raw)
    {
        for (var i = 0; i < Count; i++)
        {
            ref var n = ref Nodes[i];
            n.Text = n.Own;
            n.Links = 0;
            n.Anchors = 0;
            n.Commas = n.OwnCommas;
        }
        for (var i = Count - 1; i >= 0; i--)
        {
            ref var n = ref Nodes[i];
            if (n.Tag == "a") { n.Links = n.Text; n.Anchors++; }
            if (raw)
            {
                n.RawText = n.Text;
                if (n.Marker) n.HoldsMarker = true;
            }
            if (n.Parent < 0 || (!raw && n.Dropped)) continue;
            ref var p = ref Nodes[n.Parent];
            p.Text += n.Text;
            p.Links += n.Links;
            p.Anchors += n.Anchors;
            p.Commas += n.Commas;
            if (raw) p.HoldsMarker |= n.HoldsMarker;
        }
    }

    /// <summary>Decides what is dropped: furniture words yield to a story marker inside, layout words also to sheer size.</summary>
    private void Resolve()
    {
        var total = Count > 0 ? Nodes[0].RawText : 0;
        for (var i = 0; i < Count; i++)
        {
            ref var n = ref Nodes[i];
            n.Dropped = n.Judged switch
            {
                Boilerplate.Hard => true,
                Boilerplate.Hidden => i > 0 && n.RawText < total * 0.8,
                Boilerplate.Strong => !n.HoldsMarker && i > 0 && n.RawText < total * 0.8,
                Boilerplate.Weak => !n.HoldsMarker && i > 0 && n.RawText < total * 0.4,
                _ => false,
            };
            n.Gone = n.Dropped || (n.Parent >= 0 && Nodes[n.Parent].Gone);
        }
    }
}
