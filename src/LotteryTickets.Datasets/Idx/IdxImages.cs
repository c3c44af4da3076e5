namespace LotteryTickets.Datasets.Idx;

/// <summary>The content of an IDX image file (magic 0x00000803): <see cref="Count"/> grey images of <see cref="Rows"/> × <see cref="Columns"/> bytes.</summary>
/// <param name="Count">The number of images.</param>
/// <param name="Rows">The height of each image.</param>
/// <param name="Columns">The width of each image.</param>
/// <param name="Pixels">Count × Rows × Columns bytes, image after image, row-major.</param>
public sealed record IdxImages(int Count, int Rows, int Columns, byte[] Pixels);
