using System.Globalization;

namespace ActorQueue.Imaging.Thumbnails;

/// <summary>
/// What to make of one image: the sizes (output widths, or square sides when cropping), the output format
/// (null: the input's), the crop and the quality. Built and checked in one place for the HTTP query and the
/// job payload alike, so both refuse the same requests with the same sentence.
/// </summary>
internal sealed record ThumbnailSpec(IReadOnlyList<int> Sizes, ImageFormat? Format, ThumbnailCrop Crop, int Quality)
{
    /// <summary>From query-string values (<c>sizes=128,512&amp;format=webp&amp;crop=attention&amp;quality=80</c>).</summary>
    public static ThumbnailSpec Parse(string? sizes, string? format, string? crop, string? quality, ImageOptions options)
    {
        if (string.IsNullOrWhiteSpace(sizes))
        {
            throw new ImageInputException("sizes is required: a comma-separated list of widths in pixels, e.g. sizes=128,512.");
        }
        var numbers = new List<int>();
        foreach (var part in sizes.Split(',', StringSplitOptions.TrimEntries))
        {
            numbers.Add(int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var size)
                ? size
                : throw new ImageInputException($"sizes must be whole numbers of pixels separated by commas, e.g. sizes=128,512; '{part}' is not one."));
        }
        int? q = null;
        if (!string.IsNullOrWhiteSpace(quality))
        {
            q = int.TryParse(quality, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed)
                ? parsed
                : throw new ImageInputException($"quality must be a whole number from 1 to 100, not '{quality}'.");
        }
        return Create(numbers, format, crop, q, options);
    }

    /// <summary>From already-typed values (a job payload); null values take the defaults.</summary>
    public static ThumbnailSpec Create(IReadOnlyList<int>? sizes, string? format, string? crop, int? quality, ImageOptions options)
    {
        if (sizes is not { Count: > 0 })
        {
            throw new ImageInputException("sizes is required: at least one width in pixels.");
        }
        var distinct = sizes.Distinct().ToList();
        if (distinct.Count > options.MaxSizes)
        {
            throw new ImageInputException($"At most {options.MaxSizes} sizes per image ({ImageOptions.Section}:MaxSizes); this request has {distinct.Count}.");
        }
        foreach (var size in distinct)
        {
            if (size < 1 || size > options.MaxDimension)
            {
                throw new ImageInputException($"Each size must be from 1 to {options.MaxDimension} pixels ({ImageOptions.Section}:MaxDimension); {size} is not.");
            }
        }
        ImageFormat? output = null;
        if (!string.IsNullOrWhiteSpace(format))
        {
            output = ImageFormats.TryParse(format, out var parsed)
                ? parsed
                : throw new ImageInputException($"format must be {ImageFormats.Supported}, not '{format}'.");
        }
        var cropMode = ThumbnailCrop.None;
        if (!string.IsNullOrWhiteSpace(crop) && !ThumbnailCrops.TryParse(crop, out cropMode))
        {
            throw new ImageInputException($"crop must be {ThumbnailCrops.Supported}, not '{crop}'.");
        }
        var q = quality ?? options.DefaultQuality;
        if (q is < 1 or > 100)
        {
            throw new ImageInputException($"quality must be from 1 to 100, not {q}.");
        }
        return new ThumbnailSpec(distinct, output, cropMode, q);
    }
}
