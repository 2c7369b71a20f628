using System.Runtime.InteropServices;

namespace ActorQueue.Imaging.Interop;

/// <summary>The <c>VipsImage</c> functions of libvips that the binding uses (header fields, memory images).</summary>
internal static unsafe partial class VipsImageApi
{
    static VipsImageApi() => Libraries.Register();

    // int vips_image_get_width(const VipsImage *image), _height, _bands
    [LibraryImport(Libraries.Vips, EntryPoint = "vips_image_get_width")]
    public static partial int GetWidth(VipsImageHandle image);

    [LibraryImport(Libraries.Vips, EntryPoint = "vips_image_get_height")]
    public static partial int GetHeight(VipsImageHandle image);

    [LibraryImport(Libraries.Vips, EntryPoint = "vips_image_get_bands")]
    public static partial int GetBands(VipsImageHandle image);

    // gboolean vips_image_hasalpha(VipsImage *image)
    [LibraryImport(Libraries.Vips, EntryPoint = "vips_image_hasalpha")]
    public static partial int HasAlpha(VipsImageHandle image);

    // int vips_image_get_int(const VipsImage *image, const char *name, int *out)   0 on success
    [LibraryImport(Libraries.Vips, EntryPoint = "vips_image_get_int", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int GetInt(VipsImageHandle image, string name, out int value);

    // void vips_image_set_int(VipsImage *image, const char *name, int i)
    [LibraryImport(Libraries.Vips, EntryPoint = "vips_image_set_int", StringMarshalling = StringMarshalling.Utf8)]
    public static partial void SetInt(VipsImageHandle image, string name, int value);

    // gchar **vips_image_get_fields(VipsImage *image)   every field name, NULL-terminated; free with g_strfreev
    [LibraryImport(Libraries.Vips, EntryPoint = "vips_image_get_fields")]
    public static partial byte** GetFields(VipsImageHandle image);

    // gboolean vips_image_remove(VipsImage *image, const char *name)   FALSE for a header field or an absent one
    [LibraryImport(Libraries.Vips, EntryPoint = "vips_image_remove", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Remove(VipsImageHandle image, string name);

    // VipsImage *vips_image_new_from_memory_copy(const void *data, size_t size, int width, int height,
    //                                            int bands, VipsBandFormat format)
    [LibraryImport(Libraries.Vips, EntryPoint = "vips_image_new_from_memory_copy")]
    public static partial VipsImageHandle NewFromMemoryCopy(byte* data, nuint size, int width, int height, int bands, int format);

    // void vips_image_set_kill(VipsImage *image, gboolean kill)   an evaluation of the image stops at its next tile
    [LibraryImport(Libraries.Vips, EntryPoint = "vips_image_set_kill")]
    public static partial void SetKill(VipsImageHandle image, int kill);

    // VipsImage *vips_image_copy_memory(VipsImage *image)   renders the pipeline into memory; a new reference
    [LibraryImport(Libraries.Vips, EntryPoint = "vips_image_copy_memory")]
    public static partial VipsImageHandle CopyMemory(VipsImageHandle image);

    // void *vips_image_write_to_memory(VipsImage *in, size_t *size)   free with g_free
    [LibraryImport(Libraries.Vips, EntryPoint = "vips_image_write_to_memory")]
    public static partial byte* WriteToMemory(VipsImageHandle image, out nuint size);
}
