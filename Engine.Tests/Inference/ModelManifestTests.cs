using System.Text.Json.Nodes;
using ActorQueue.Inference;
using ActorQueue.Inference.Repository;
using ActorQueue.Tests.Fixtures;

namespace ActorQueue.Tests.Inference;

/// <summary>
/// A model repository's <c>model.json</c>: every field that changes the numbers fed to the model must be
/// declared and right, or the model is refused with one sentence naming the model, the field and what to
/// declare. Nothing is defaulted.
/// </summary>
[Trait("Category", "Unit")]
public sealed class ModelManifestTests : IDisposable
{
    private readonly TempDirectory _repository = new();

    public void Dispose() => _repository.Dispose();

    /// <summary>A manifest that declares everything (the demo model's, with a crop).</summary>
    private static JsonObject Valid() => new()
    {
        ["input"] = "pixels",
        ["layout"] = "NCHW",
        ["size"] = 224,
        ["channelOrder"] = "BGR",
        ["scale"] = 1,
        ["mean"] = new JsonArray(103.939, 116.779, 123.68),
        ["std"] = new JsonArray(1, 1, 1),
        ["resize"] = "crop",
        ["cropFraction"] = 0.875,
    };

    private ModelEntry Read(string? manifest, string name = "squeezenet", bool model = true, params (string File, string Text)[] files)
    {
        var folder = Path.Combine(_repository.Path, name);
        Directory.CreateDirectory(folder);
        if (model)
        {
            File.WriteAllText(Path.Combine(folder, "model.onnx"), "not read until the model loads");
        }
        if (manifest is not null)
        {
            File.WriteAllText(Path.Combine(folder, "model.json"), manifest);
        }
        foreach (var (file, text) in files)
        {
            File.WriteAllText(Path.Combine(folder, file), text);
        }
        var options = new InferenceOptions { Models = _repository.Path };
        return ModelCatalog.Read(() => options).Entries.Single(entry => entry.Name == name);
    }

    private string Refusal(JsonObject manifest) => Refusal(manifest.ToJsonString());

    private string Refusal(string manifest)
    {
        var entry = Read(manifest);
        Assert.Null(entry.Settings);
        Assert.DoesNotContain("\n", entry.Refusal, StringComparison.Ordinal);
        Assert.EndsWith(".", entry.Refusal, StringComparison.Ordinal);
        return entry.Refusal!;
    }

    public static TheoryData<string> RequiredFields => ["input", "layout", "size", "channelOrder", "scale", "mean", "std", "resize", "cropFraction"];

    [Theory]
    [MemberData(nameof(RequiredFields))]
    public void A_field_that_changes_the_numbers_fed_to_the_model_cannot_be_left_out(string field)
    {
        var manifest = Valid();
        manifest.Remove(field);

        var refusal = Refusal(manifest);

        Assert.StartsWith($"Model 'squeezenet': model.json does not declare \"{field}\"; declare ", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_mean_says_what_to_declare_with_an_example()
    {
        var manifest = Valid();
        manifest.Remove("mean");

        Assert.Equal(
            "Model 'squeezenet': model.json does not declare \"mean\"; declare the per-channel mean the model was trained with, e.g. \"mean\": [103.939, 116.779, 123.68].",
            Refusal(manifest));
    }

    public static TheoryData<string, string, string> WrongFields => new()
    {
        { "layout", "\"CHW\"", "model.json has \"layout\": \"CHW\"; declare the input's memory layout, \"layout\": \"NCHW\" or \"NHWC\"." },
        { "channelOrder", "\"GBR\"", "model.json has \"channelOrder\": \"GBR\"; declare the channel order the model was trained with, \"channelOrder\": \"RGB\" or \"BGR\"." },
        { "size", "0", "model.json has \"size\": 0; declare the side of the model's square input in pixels (1 to 4096), e.g. \"size\": 224." },
        { "size", "\"224\"", "model.json has \"size\": \"224\"; declare the side of the model's square input in pixels" },
        { "size", "224.5", "model.json has \"size\": 224.5; declare" },
        { "scale", "0", "model.json has \"scale\": 0; declare the positive factor applied to the 0–255 pixel values" },
        { "mean", "[103.939, 116.779]", "model.json has \"mean\" with 2 number(s); declare three, one per channel in the model's channel order" },
        { "mean", "\"103.939,116.779,123.68\"", "model.json has \"mean\" with \"103.939,116.779,123.68\"; declare three" },
        { "std", "[0.229, -1, 0.225]", "model.json has \"std\": -1; declare the per-channel standard deviation the model was trained with, three positive numbers" },
        { "std", "[0.229, 0, 0.225]", "model.json has \"std\": 0; declare" },
        { "resize", "\"fit\"", "model.json has \"resize\": \"fit\"; declare how an image is brought to the input size" },
        { "cropFraction", "1.5", "model.json has \"cropFraction\": 1.5; declare the part of the shorter side the centre crop keeps (0.1 to 1)" },
        { "softmax", "\"sometimes\"", "model.json has \"softmax\": \"sometimes\"; declare \"softmax\": \"auto\", \"always\" or \"never\", or leave it out (auto)." },
        { "input", "42", "model.json has \"input\": 42; declare the name of the model's image input" },
        { "output", "\"\"", "model.json has \"output\": \"\"; declare the name of the output that holds the class scores" },
        { "batching", "{\"maxBatch\": 0}", "model.json has \"batching.maxBatch\": 0; declare \"batching\": {\"maxBatch\": N} with N from 1 to 1024" },
        { "batching", "{\"maxDelayMs\": -1}", "model.json has \"batching.maxDelayMs\": -1; declare \"batching\": {\"maxDelayMs\": MS}" },
        { "batching", "{\"maxBatches\": 8}", "model.json has the unknown field \"batching.maxBatches\"; batching takes \"maxBatch\" and \"maxDelayMs\"." },
        { "meen", "[0, 0, 0]", "model.json has the unknown field \"meen\"; the fields are input, layout, size, channelOrder, scale, mean, std, resize, cropFraction, labels, output, softmax, batching." },
    };

    [Theory]
    [MemberData(nameof(WrongFields))]
    public void A_wrong_field_is_refused_saying_what_to_declare(string field, string value, string expected)
    {
        var manifest = Valid();
        manifest[field] = JsonNode.Parse(value);

        Assert.StartsWith("Model 'squeezenet': " + expected, Refusal(manifest), StringComparison.Ordinal);
    }

    [Fact]
    public void A_crop_fraction_with_a_stretch_is_a_contradiction()
    {
        var manifest = Valid();
        manifest["resize"] = "stretch";

        Assert.Equal("Model 'squeezenet': model.json declares \"cropFraction\" with \"resize\": \"stretch\"; remove it, or declare \"resize\": \"crop\".", Refusal(manifest));
    }

    [Theory]
    [InlineData("{\"input\": \"pixels\",", "Model 'squeezenet': model.json is not valid JSON (line 1, byte ")]
    [InlineData("{\"input\": \"pixels\" \"layout\": \"NCHW\"}", "Model 'squeezenet': model.json is not valid JSON (line 1, byte ")]
    [InlineData("[\"pixels\"]", "Model 'squeezenet': model.json holds a JSON array, not an object; write it as one JSON object of the fields input, layout")]
    [InlineData("{\"input\": \"a\", \"input\": \"b\"}", "Model 'squeezenet': model.json declares \"input\" twice; declare it once.")]
    public void Malformed_JSON_is_refused_with_one_sentence(string manifest, string expected)
    {
        Assert.StartsWith(expected, Refusal(manifest), StringComparison.Ordinal);
    }

    [Fact]
    public void A_labels_file_that_is_not_there_is_refused()
    {
        var manifest = Valid();
        manifest["labels"] = "imagenet_class_index.json";

        var refusal = Refusal(manifest);

        Assert.StartsWith("Model 'squeezenet': model.json declares \"labels\": \"imagenet_class_index.json\", but ", refusal, StringComparison.Ordinal);
        Assert.EndsWith("imagenet_class_index.json does not exist; add the file or remove \"labels\".", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void A_folder_without_its_manifest_or_its_model_is_refused()
    {
        var noManifest = Read(manifest: null, name: "bare");
        Directory.Delete(Path.Combine(_repository.Path, "bare"), recursive: true);
        var noModel = Read(Valid().ToJsonString(), name: "empty", model: false);

        Assert.StartsWith("Model 'bare': ", noManifest.Refusal, StringComparison.Ordinal);
        Assert.EndsWith("has no model.json; write one that declares the model's input and preprocessing (input, layout, size, channelOrder, scale, mean, std, resize), since nothing is guessed.",
            noManifest.Refusal, StringComparison.Ordinal);
        Assert.StartsWith("Model 'empty': ", noModel.Refusal, StringComparison.Ordinal);
        Assert.EndsWith("has no model.onnx; put the model there, or remove the folder.", noModel.Refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void A_folder_name_that_cannot_be_a_queue_name_is_refused()
    {
        var entry = Read(Valid().ToJsonString(), name: "sq ueeze");

        Assert.StartsWith("Model 'sq ueeze': its name comes from the folder ", entry.Refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void A_complete_manifest_is_read_as_declared_and_optional_fields_take_their_documented_values()
    {
        var manifest = Valid();
        manifest["labels"] = "labels.txt";
        manifest["batching"] = new JsonObject { ["maxBatch"] = 16 };

        var settings = Read(manifest.ToJsonString(), files: ("labels.txt", "a\nb\n")).Settings!;

        Assert.Equal(("squeezenet", "pixels", TensorLayout.Nchw, 224, ChannelOrder.Bgr), (settings.Name, settings.InputName, settings.Layout, settings.Size, settings.ChannelOrder));
        Assert.Equal((1f, ResizeMode.Crop, 0.875f), (settings.Scale, settings.Resize, settings.CropFraction));
        Assert.Equal([103.939f, 116.779f, 123.68f], settings.Mean);
        Assert.Equal([1f, 1f, 1f], settings.Std);
        Assert.EndsWith("/squeezenet/labels.txt", settings.LabelsPath, StringComparison.Ordinal);
        Assert.EndsWith("/squeezenet/model.onnx", settings.ModelPath, StringComparison.Ordinal);
        Assert.Equal((null, SoftmaxMode.Auto), (settings.OutputName, settings.Softmax));
        Assert.Equal((16, TimeSpan.Zero), (settings.MaxBatch, settings.MaxDelay)); // maxDelayMs from Inference:MaxDelayMs
    }

    [Fact]
    public void Several_models_are_read_in_name_order_and_a_refused_one_does_not_stop_the_others()
    {
        Read(Valid().ToJsonString(), name: "b-good");
        var broken = Valid();
        broken.Remove("std");
        Read(broken.ToJsonString(), name: "a-broken");
        Directory.CreateDirectory(Path.Combine(_repository.Path, ".hidden"));

        var entries = ModelCatalog.Read(() => new InferenceOptions { Models = _repository.Path }).Entries;

        Assert.Equal(["a-broken", "b-good"], entries.Select(e => e.Name));
        Assert.NotNull(entries[0].Refusal);
        Assert.NotNull(entries[1].Settings);
    }
}
