using System.Globalization;

namespace Dossier.Store;

/// <summary>Story ids in a store: "s" and the story's number from 1, in the order stories were opened.</summary>
public static class StoryIds
{
    public static string Of(int number) => "s" + (number + 1).ToString(CultureInfo.InvariantCulture);
}
