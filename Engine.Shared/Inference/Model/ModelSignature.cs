namespace ActorQueue.Inference.Model;

/// <summary>
/// What the batcher and the image pipeline need to know about a loaded classifier: which input to feed
/// in which layout and size, how many items one run may take, how many classes come out and the rank of
/// the scores tensor ([batch, classes] or with trailing dimensions of 1).
/// </summary>
internal sealed record ModelSignature(string InputName, string OutputName, TensorLayout Layout, int Size, int? FixedBatch, int Classes, int OutputRank = 2)
{
    public const int Channels = 3;

    /// <summary>Floats in one image's tensor: 3 × Size × Size.</summary>
    public int ItemLength => Channels * Size * Size;

    /// <summary>The input shape for a batch of <paramref name="batch"/> images.</summary>
    public long[] InputShape(int batch) =>
        Layout == TensorLayout.Nchw ? [batch, Channels, Size, Size] : [batch, Size, Size, Channels];

    /// <summary>The scores shape for a batch of <paramref name="batch"/> images: [batch, classes, 1, …].</summary>
    public long[] OutputShape(int batch)
    {
        var shape = new long[OutputRank];
        Array.Fill(shape, 1);
        shape[0] = batch;
        shape[1] = Classes;
        return shape;
    }
}
