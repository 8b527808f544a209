using LlmCallAnalyzers.Model.ColdStarts;

namespace LlmCallAnalyzers.Model.Tests;

/// <summary>The idle-gap octaves the runtime's detector and the CLI's sampler both file calls by.</summary>
public class IdleGapOctavesTests
{
    [Theory]
    [InlineData(double.NaN, 0)]
    [InlineData(-5, 0)]
    [InlineData(0, 0)]
    [InlineData(999.999, 0)]
    [InlineData(1000, 1)]
    [InlineData(1999.999, 1)]
    [InlineData(2000, 2)]
    [InlineData(60_000, 6)]         // 60 s in [32, 64)
    [InlineData(3_600_000, 12)]     // 1 h in [2048, 4096) s
    [InlineData(double.PositiveInfinity, int.MaxValue)]
    public void A_gap_falls_in_its_octave(double gapMs, int octave) => Assert.Equal(octave, IdleGapOctaves.Of(gapMs));

    [Fact]
    public void Every_power_of_two_starts_its_octave_and_the_gap_just_below_ends_the_previous()
    {
        for (int octave = 1; octave < 60; octave++)
        {
            double lower = IdleGapOctaves.UpperBoundMs(octave - 1);
            Assert.Equal(octave, IdleGapOctaves.Of(lower));
            Assert.Equal(octave - 1, IdleGapOctaves.Of(lower * (1 - 1e-12)));
            Assert.Equal(octave, IdleGapOctaves.Of(IdleGapOctaves.UpperBoundMs(octave) * (1 - 1e-12)));
        }
    }
}
