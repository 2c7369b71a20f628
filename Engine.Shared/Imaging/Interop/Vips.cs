using System.Runtime.InteropServices;

namespace ActorQueue.Imaging.Interop;

/// <summary>
/// libvips (<c>libvips.so.42</c>): only non-variadic entry points. Operations are driven through
/// <c>vips_operation_new</c>, GObject properties and <c>vips_cache_operation_build</c> (see
/// <see cref="Vips.VipsOperation"/>), never through the variadic convenience functions.
/// </summary>
internal static unsafe partial class VipsApi
{
    static VipsApi() => Libraries.Register();

    // int vips_init(const char *argv0)
    [LibraryImport(Libraries.Vips, EntryPoint = "vips_init", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Init(string argv0);

    // int vips_version(int flag)   flag: 0 major, 1 minor, 2 micro
    [LibraryImport(Libraries.Vips, EntryPoint = "vips_version")]
    public static partial int Version(int flag);

    // void vips_concurrency_set(int concurrency)
    [LibraryImport(Libraries.Vips, EntryPoint = "vips_concurrency_set")]
    public static partial void ConcurrencySet(int concurrency);

    // void vips_cache_set_max(int max)
    [LibraryImport(Libraries.Vips, EntryPoint = "vips_cache_set_max")]
    public static partial void CacheSetMax(int max);

    // void vips_cache_set_max_mem(size_t max_mem)
    [LibraryImport(Libraries.Vips, EntryPoint = "vips_cache_set_max_mem")]
    public static partial void CacheSetMaxMem(nuint maxMem);

    // void vips_cache_set_max_files(int max_files)
    [LibraryImport(Libraries.Vips, EntryPoint = "vips_cache_set_max_files")]
    public static partial void CacheSetMaxFiles(int maxFiles);

    // void vips_operation_block_set(const char *name, gboolean state)
    [LibraryImport(Libraries.Vips, EntryPoint = "vips_operation_block_set", StringMarshalling = StringMarshalling.Utf8)]
    public static partial void OperationBlockSet(string name, int state);

    // char *vips_error_buffer_copy(void)   copies and clears the buffer; free with g_free
    [LibraryImport(Libraries.Vips, EntryPoint = "vips_error_buffer_copy")]
    public static partial byte* ErrorBufferCopy();

    // VipsOperation *vips_operation_new(const char *name)   NULL for an unknown name
    [LibraryImport(Libraries.Vips, EntryPoint = "vips_operation_new", StringMarshalling = StringMarshalling.Utf8)]
    public static partial VipsOperationHandle OperationNew(string name);

    // VipsOperation *vips_cache_operation_build(VipsOperation *operation)   a new reference, or NULL on error
    [LibraryImport(Libraries.Vips, EntryPoint = "vips_cache_operation_build")]
    public static partial VipsOperationHandle CacheOperationBuild(VipsOperationHandle operation);

    // void vips_object_unref_outputs(VipsObject *object)
    [LibraryImport(Libraries.Vips, EntryPoint = "vips_object_unref_outputs")]
    public static partial void ObjectUnrefOutputs(VipsOperationHandle operation);

    // int vips_object_get_argument(VipsObject *object, const char *name, GParamSpec **pspec,
    //                              VipsArgumentClass **argument_class, VipsArgumentInstance **argument_instance)
    [LibraryImport(Libraries.Vips, EntryPoint = "vips_object_get_argument", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int ObjectGetArgument(VipsOperationHandle operation, string name, out GParamSpec* pspec, out nint argumentClass, out nint argumentInstance);

    // int vips_enum_from_nick(const char *domain, GType type, const char *str)   -1 when unknown
    [LibraryImport(Libraries.Vips, EntryPoint = "vips_enum_from_nick", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int EnumFromNick(string domain, nuint type, string nick);

    // GType vips_image_get_type(void), vips_blob_get_type(void), vips_array_double_get_type(void)
    [LibraryImport(Libraries.Vips, EntryPoint = "vips_image_get_type")]
    public static partial nuint ImageGetType();

    [LibraryImport(Libraries.Vips, EntryPoint = "vips_blob_get_type")]
    public static partial nuint BlobGetType();

    [LibraryImport(Libraries.Vips, EntryPoint = "vips_array_double_get_type")]
    public static partial nuint ArrayDoubleGetType();

    // VipsBlob *vips_blob_copy(const void *data, size_t length)
    [LibraryImport(Libraries.Vips, EntryPoint = "vips_blob_copy")]
    public static partial VipsBlobHandle BlobCopy(byte* data, nuint length);

    // const void *vips_blob_get(VipsBlob *blob, size_t *length)
    [LibraryImport(Libraries.Vips, EntryPoint = "vips_blob_get")]
    public static partial byte* BlobGet(nint blob, out nuint length);

    // void vips_area_unref(VipsArea *area)   (a VipsBlob is a VipsArea)
    [LibraryImport(Libraries.Vips, EntryPoint = "vips_area_unref")]
    public static partial void AreaUnref(nint area);

    // void vips_value_set_array_double(GValue *value, const double *array, int n)
    [LibraryImport(Libraries.Vips, EntryPoint = "vips_value_set_array_double")]
    public static partial void ValueSetArrayDouble(GValue* value, double* array, int n);

    // const char *vips_foreign_find_load_buffer(const void *data, size_t size)   static string, or NULL
    [LibraryImport(Libraries.Vips, EntryPoint = "vips_foreign_find_load_buffer")]
    public static partial byte* ForeignFindLoadBuffer(byte* data, nuint size);
}
