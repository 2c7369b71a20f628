using ActorQueue.Imaging;
using ActorQueue.Imaging.Thumbnails;
using ActorQueue.Inference;
using ActorQueue.Inference.Model;
using ActorQueue.Inference.Preprocessing;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActorQueue.Tests.Inference;

/// <summary>
/// What the model is given for an image: the right part of the picture, upright, in the right layout and
/// channel order. Tensors are read back at 8×8 with values pixel / 255.
/// </summary>
[Trait("Category", "Integration")]
public sealed class PreprocessingTests
{
    private const int Size = 8;
    private static readonly byte[] RedPixel = [255, 0, 0];
    private static readonly byte[] GreenPixel = [0, 255, 0];
    private static readonly byte[] BluePixel = [0, 0, 255];

    private static float[] Tensor(byte[] image, Action<InferenceOptions>? configure = null, TensorLayout layout = TensorLayout.Nhwc, int size = Size)
    {
        var options = new InferenceOptions();
        options.Model.Path = "model.onnx";
        ModelFiles.Declare(options.Model, size);
        options.Model.Resize = "crop";
        configure?.Invoke(options);
        if (options.Model.Resize == "crop")
        {
            options.Model.CropFraction ??= 0.875; // the usual ImageNet crop, 224 of 256
        }
        var settings = InferenceSettings.From(options)!;
        var spec = PreprocessSpec.From(settings, new ModelSignature("pixels", "scores", layout, size, null, 4));
        var imageOptions = new ImageOptions();
        var preprocessor = new ImagePreprocessor(new ImageInspector(imageOptions), new ImagingRuntime(imageOptions, NullLogger<ImagingRuntime>.Instance));
        return preprocessor.ToTensor(image, spec, CancellationToken.None);
    }

    /// <summary>The (R, G, B) the model sees at (x, y) of an NHWC tensor, rounded to whole 0–255 values.</summary>
    private static (int R, int G, int B) At(float[] nhwc, int x, int y)
    {
        var i = ((y * Size) + x) * 3;
        return ((int)Math.Round(nhwc[i] * 255), (int)Math.Round(nhwc[i + 1] * 255), (int)Math.Round(nhwc[i + 2] * 255));
    }

    private static string Colour((int R, int G, int B) pixel) => pixel switch
    {
        { R: > 200, G: < 50, B: < 50 } => "red",
        { R: < 50, G: > 200, B: < 50 } => "green",
        { R: < 50, G: < 50, B: > 200 } => "blue",
        _ => $"({pixel.R},{pixel.G},{pixel.B})",
    };

    [Fact]
    public void A_photo_stored_sideways_with_an_EXIF_orientation_is_read_upright()
    {
        // Stored 80×40: red on the left, blue on the right. Orientation 6 shows it turned a quarter clockwise:
        // 40×80, red on top, blue at the bottom.
        var sideways = ColourImages.WithOrientation(80, 40, (x, _) => x < 40 ? RedPixel : BluePixel, orientation: 6);

        var tensor = Tensor(sideways, o => o.Model.Resize = "stretch");

        Assert.Equal(("red", "red", "blue", "blue"), (Colour(At(tensor, 0, 0)), Colour(At(tensor, 7, 1)), Colour(At(tensor, 0, 7)), Colour(At(tensor, 7, 6))));
    }

    [Fact]
    public void Crop_keeps_the_centre_square_and_stretch_keeps_the_whole_picture()
    {
        // Three vertical stripes, each a third of the width; the centre square of this 3:1 picture is all green.
        var stripes = ColourImages.Paint(300, 100, 3, (x, _) => x < 100 ? RedPixel : x < 200 ? GreenPixel : BluePixel);

        var cropped = Tensor(stripes);
        var stretched = Tensor(stripes, o => o.Model.Resize = "stretch");

        Assert.All(Enumerable.Range(0, Size), x => Assert.Equal("green", Colour(At(cropped, x, 4))));
        Assert.Equal(("red", "green", "blue"), (Colour(At(stretched, 0, 4)), Colour(At(stretched, 4, 4)), Colour(At(stretched, 7, 4))));
    }

    [Fact]
    public void Crop_fraction_decides_how_much_of_the_shorter_side_the_crop_keeps()
    {
        // A green square inside a thin red frame (6 of 160 pixels, 14% of the picture): the default crop
        // (0.875, ImageNet's 224 of 256) keeps only the green; a fraction of 1 keeps the frame too.
        var framed = ColourImages.Paint(160, 160, 3, (x, y) => x is >= 6 and < 154 && y is >= 6 and < 154 ? GreenPixel : RedPixel);

        var imagenet = MeanRed(Tensor(framed, size: 64));
        var whole = MeanRed(Tensor(framed, o => o.Model.CropFraction = 1, size: 64));

        Assert.True(imagenet < 0.03, $"the ImageNet crop kept red: {imagenet:0.000}");
        Assert.True(whole > 0.1, $"the whole side kept too little red: {whole:0.000}");
    }

    private static double MeanRed(float[] nhwc) => nhwc.Where((_, i) => i % 3 == 0).Average();

    [Fact]
    public void The_tensor_is_written_in_the_models_layout_and_channel_order_with_scale_mean_and_std()
    {
        var red = ColourImages.Solid((255, 0, 0));

        var nchw = Tensor(red, layout: TensorLayout.Nchw);
        var bgr = Tensor(red, o => o.Model.ChannelOrder = "BGR", TensorLayout.Nchw);
        var normalised = Tensor(red, o => { o.Model.Scale = 1; o.Model.Mean = "100,0,0"; o.Model.Std = "5,1,1"; }, TensorLayout.Nchw);

        var plane = Size * Size;
        Assert.Equal((1f, 0f, 0f), (nchw[0], nchw[plane], nchw[2 * plane]));
        Assert.All(nchw.Take(plane), value => Assert.Equal(1f, value));
        Assert.Equal((0f, 0f, 1f), (bgr[0], bgr[plane], bgr[2 * plane]));
        Assert.Equal(31f, normalised[0]); // (255 × 1 − 100) / 5
    }
}
