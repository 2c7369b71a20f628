namespace ActorQueue.Inference.Repository;

/// <summary>The fields of <c>model.json</c> and, for each, what to declare when it is missing or wrong.</summary>
internal static class ManifestFields
{
    public const string Input = "input";
    public const string Layout = "layout";
    public const string Size = "size";
    public const string ChannelOrder = "channelOrder";
    public const string Scale = "scale";
    public const string Mean = "mean";
    public const string Std = "std";
    public const string Resize = "resize";
    public const string CropFraction = "cropFraction";
    public const string Labels = "labels";
    public const string Output = "output";
    public const string Softmax = "softmax";
    public const string Batching = "batching";
    public const string MaxBatch = "maxBatch";
    public const string MaxDelayMs = "maxDelayMs";

    /// <summary>Every field, in the order the README lists them.</summary>
    public static readonly string[] All = [Input, Layout, Size, ChannelOrder, Scale, Mean, Std, Resize, CropFraction, Labels, Output, Softmax, Batching];

    public static string WhatToDeclare(string field) => field switch
    {
        Input => "the name of the model's image input, e.g. \"input\": \"data_0\"",
        Layout => "the input's memory layout, \"layout\": \"NCHW\" or \"NHWC\"",
        Size => "the side of the model's square input in pixels (1 to 4096), e.g. \"size\": 224",
        ChannelOrder => "the channel order the model was trained with, \"channelOrder\": \"RGB\" or \"BGR\"",
        Scale => "the positive factor applied to the 0–255 pixel values before the mean, e.g. \"scale\": 0.00392156862745098 (1/255) or \"scale\": 1",
        Mean => "the per-channel mean the model was trained with, e.g. \"mean\": [103.939, 116.779, 123.68]",
        Std => "the per-channel standard deviation the model was trained with, three positive numbers, e.g. \"std\": [0.229, 0.224, 0.225] or [1, 1, 1]",
        Resize => "how an image is brought to the input size, \"resize\": \"crop\" (with \"cropFraction\") or \"resize\": \"stretch\"",
        CropFraction => "the part of the shorter side the centre crop keeps (0.1 to 1), e.g. \"cropFraction\": 0.875 (224 of 256)",
        Labels => "the labels file's path relative to the model's folder, e.g. \"labels\": \"labels.txt\", or leave it out",
        Output => "the name of the output that holds the class scores, e.g. \"output\": \"softmaxout_1\", or leave it out",
        Softmax => "\"softmax\": \"auto\", \"always\" or \"never\", or leave it out (auto)",
        Batching + "." + MaxBatch => "\"batching\": {\"maxBatch\": N} with N from 1 to 1024, or leave it out (Inference:MaxBatch)",
        Batching + "." + MaxDelayMs => "\"batching\": {\"maxDelayMs\": MS} with MS from 0 to 60000, or leave it out (Inference:MaxDelayMs)",
        Batching => "\"batching\": {\"maxBatch\": 8, \"maxDelayMs\": 2}, or leave it out",
        _ => $"one of the fields {string.Join(", ", All)}",
    };
}
