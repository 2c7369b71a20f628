using System.Runtime.InteropServices;

namespace ActorQueue.Imaging.Interop;

internal static partial class VipsImageApi
{
    // VipsBandFormat vips_image_get_format(const VipsImage *image)   VIPS_FORMAT_UCHAR is 0
    [LibraryImport(Libraries.Vips, EntryPoint = "vips_image_get_format")]
    public static partial int GetFormat(VipsImageHandle image);
}
