using OxyPlot;

namespace LotteryTickets.Results.Plots;

/// <summary>
/// Measures text for OxyPlot's <see cref="SvgExporter"/> with the built-in font metrics of its
/// <see cref="PdfRenderContext"/>, converted from points to the SVG's user units (pixels, 96 per inch): the exporter's
/// default measures in points, so labels, titles and legend entries would be laid out a quarter too small and overlap.
/// Widths get another 15% to spare: viewers draw "Arial" with the fonts they have (DejaVu Sans on many Linux systems
/// is that much wider than Helvetica's metrics), and OxyPlot clips a legend entry to its measured width. Pure managed
/// code, so the layout is the same on every machine. Only <see cref="MeasureText"/> is used.
/// </summary>
internal sealed class SvgTextMeasurer : RenderContextBase
{
    private const double PixelsPerPoint = 96.0 / 72.0;
    private const double WidthToSpare = 1.15;

    private readonly PdfRenderContext metrics = new(100, 100, OxyColors.White);

    public override OxySize MeasureText(string text, string fontFamily, double fontSize, double fontWeight)
    {
        var size = metrics.MeasureText(text, fontFamily, fontSize, fontWeight);
        return new OxySize(size.Width * PixelsPerPoint * WidthToSpare, size.Height * PixelsPerPoint);
    }

    public override void DrawLine(IList<ScreenPoint> points, OxyColor stroke, double thickness, EdgeRenderingMode edgeRenderingMode, double[]? dashArray, LineJoin lineJoin) =>
        throw new NotSupportedException("This context only measures text.");

    public override void DrawPolygon(IList<ScreenPoint> points, OxyColor fill, OxyColor stroke, double thickness, EdgeRenderingMode edgeRenderingMode, double[]? dashArray, LineJoin lineJoin) =>
        throw new NotSupportedException("This context only measures text.");

    public override void DrawText(ScreenPoint p, string text, OxyColor fill, string fontFamily, double fontSize, double fontWeight, double rotation, HorizontalAlignment horizontalAlignment, VerticalAlignment verticalAlignment, OxySize? maxSize) =>
        throw new NotSupportedException("This context only measures text.");

    public override int ClipCount => 0;

    public override void PushClip(OxyRect clippingRectangle) => throw new NotSupportedException("This context only measures text.");

    public override void PopClip() => throw new NotSupportedException("This context only measures text.");
}
