using System.Runtime.InteropServices;

namespace ActorQueue.Imaging.Interop;

/// <summary>GObject (<c>libgobject-2.0.so.0</c>): references, properties and GValues.</summary>
internal static unsafe partial class GObjectApi
{
    // Fundamental GTypes are fixed numbers: G_TYPE_MAKE_FUNDAMENTAL(n) = n << 2.
    public const nuint TypeBoolean = 5 << 2;
    public const nuint TypeInt = 6 << 2;
    public const nuint TypeEnum = 12 << 2;
    public const nuint TypeDouble = 15 << 2;
    public const nuint TypeString = 16 << 2;

    static GObjectApi() => Libraries.Register();

    // gpointer g_object_ref(gpointer object)
    [LibraryImport(Libraries.GObject, EntryPoint = "g_object_ref")]
    public static partial nint ObjectRef(nint instance);

    // void g_object_unref(gpointer object)
    [LibraryImport(Libraries.GObject, EntryPoint = "g_object_unref")]
    public static partial void ObjectUnref(nint instance);

    // void g_object_set_property(GObject *object, const gchar *property_name, const GValue *value)
    [LibraryImport(Libraries.GObject, EntryPoint = "g_object_set_property", StringMarshalling = StringMarshalling.Utf8)]
    public static partial void ObjectSetProperty(VipsOperationHandle instance, string name, GValue* value);

    // void g_object_get_property(GObject *object, const gchar *property_name, GValue *value)
    [LibraryImport(Libraries.GObject, EntryPoint = "g_object_get_property", StringMarshalling = StringMarshalling.Utf8)]
    public static partial void ObjectGetProperty(VipsOperationHandle instance, string name, GValue* value);

    // GType g_type_fundamental(GType type_id)
    [LibraryImport(Libraries.GObject, EntryPoint = "g_type_fundamental")]
    public static partial nuint TypeFundamental(nuint type);

    // GValue *g_value_init(GValue *value, GType g_type)   value must be zeroed
    [LibraryImport(Libraries.GObject, EntryPoint = "g_value_init")]
    public static partial GValue* ValueInit(GValue* value, nuint type);

    // void g_value_unset(GValue *value)   drops what the value holds (references, copies)
    [LibraryImport(Libraries.GObject, EntryPoint = "g_value_unset")]
    public static partial void ValueUnset(GValue* value);

    // void g_value_set_int(GValue *value, gint v_int)
    [LibraryImport(Libraries.GObject, EntryPoint = "g_value_set_int")]
    public static partial void ValueSetInt(GValue* value, int v);

    // void g_value_set_double(GValue *value, gdouble v_double)
    [LibraryImport(Libraries.GObject, EntryPoint = "g_value_set_double")]
    public static partial void ValueSetDouble(GValue* value, double v);

    // void g_value_set_boolean(GValue *value, gboolean v_boolean)
    [LibraryImport(Libraries.GObject, EntryPoint = "g_value_set_boolean")]
    public static partial void ValueSetBoolean(GValue* value, int v);

    // void g_value_set_enum(GValue *value, gint v_enum)
    [LibraryImport(Libraries.GObject, EntryPoint = "g_value_set_enum")]
    public static partial void ValueSetEnum(GValue* value, int v);

    // void g_value_set_string(GValue *value, const gchar *v_string)   copies the string
    [LibraryImport(Libraries.GObject, EntryPoint = "g_value_set_string", StringMarshalling = StringMarshalling.Utf8)]
    public static partial void ValueSetString(GValue* value, string v);

    // void g_value_set_object(GValue *value, gpointer v_object)   takes its own reference
    [LibraryImport(Libraries.GObject, EntryPoint = "g_value_set_object")]
    public static partial void ValueSetObject(GValue* value, VipsImageHandle v);

    // void g_value_set_boxed(GValue *value, gconstpointer v_boxed)   copies the boxed value (a blob: one more reference)
    [LibraryImport(Libraries.GObject, EntryPoint = "g_value_set_boxed")]
    public static partial void ValueSetBoxed(GValue* value, VipsBlobHandle v);

    // gpointer g_value_get_object(const GValue *value)   borrowed
    [LibraryImport(Libraries.GObject, EntryPoint = "g_value_get_object")]
    public static partial nint ValueGetObject(GValue* value);

    // gpointer g_value_get_boxed(const GValue *value)   borrowed
    [LibraryImport(Libraries.GObject, EntryPoint = "g_value_get_boxed")]
    public static partial nint ValueGetBoxed(GValue* value);
}

/// <summary>
/// <c>GValue</c>: a GType and two 8-byte data words, 24 bytes on 64-bit platforms. Must be zeroed before
/// <c>g_value_init</c> and released with <c>g_value_unset</c>.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct GValue
{
    public nuint Type;
    public ulong Data0;
    public ulong Data1;
}

/// <summary>The leading fields of <c>GParamSpec</c>, enough to read a property's value type.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct GParamSpec
{
    public nint GTypeInstance; // GTypeInstance: its class pointer
    public nint Name;          // const gchar *
    public int Flags;          // GParamFlags
    public nuint ValueType;    // GType
    public nuint OwnerType;    // GType
}
