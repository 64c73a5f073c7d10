namespace Dossier.Tests; public class SmokeTests { [Xunit.Fact] public void Adds() => Xunit.Assert.Equal(2, 1 + 1); }
