using ActorQueue.Imaging.Interop;

namespace ActorQueue.Imaging.Vips;

/// <summary>
/// One libvips operation, driven without variadic calls: <c>vips_operation_new</c>, then each input as a
/// GObject property (its GType checked against the operation's argument first, so a misspelled name or a
/// wrong type is an exception, not a GLib warning), then <c>vips_cache_operation_build</c>, then outputs
/// read back as properties. Disposing drops the operation and every output it still holds
/// (<c>vips_object_unref_outputs</c>); images taken out of it keep their own reference.
/// <code>
/// using var thumbnail = VipsOperation.Create("thumbnail_buffer").SetBuffer("buffer", bytes).Set("width", 256).Build();
/// using var image = thumbnail.GetImage("out");
/// </code>
/// </summary>
internal sealed unsafe class VipsOperation : IDisposable
{
    private readonly string _name;
    private VipsOperationHandle _handle;
    private bool _built;

    private VipsOperation(string name, VipsOperationHandle handle)
    {
        _name = name;
        _handle = handle;
    }

    /// <summary>A new operation; <see cref="VipsException"/> when libvips has no operation of that name.</summary>
    public static VipsOperation Create(string name)
    {
        VipsRuntime.EnsureInitialized();
        return new VipsOperation(name, VipsErrors.Check(VipsApi.OperationNew(name), $"vips_operation_new(\"{name}\")", setup: true));
    }

    public string Name => _name;

    public VipsOperation Set(string name, int value) =>
        Assign(name, Expect(name, GObjectApi.TypeInt, "an int"), value, &GObjectApi.ValueSetInt);

    public VipsOperation Set(string name, double value) =>
        Assign(name, Expect(name, GObjectApi.TypeDouble, "a double"), value, &GObjectApi.ValueSetDouble);

    public VipsOperation Set(string name, bool value) =>
        Assign(name, Expect(name, GObjectApi.TypeBoolean, "a boolean"), value ? 1 : 0, &GObjectApi.ValueSetBoolean);

    /// <summary>A string argument, or an enum argument by its nick (e.g. <c>crop</c> = <c>attention</c>).</summary>
    public VipsOperation Set(string name, string value)
    {
        var type = ArgumentType(name);
        if (type == GObjectApi.TypeString)
        {
            return Assign(name, type, value, &GObjectApi.ValueSetString);
        }
        if (GObjectApi.TypeFundamental(type) != GObjectApi.TypeEnum)
        {
            throw Mismatch(name, "a string or an enum");
        }
        var number = VipsApi.EnumFromNick(_name, type, value);
        return number >= 0 ? Assign(name, type, number, &GObjectApi.ValueSetEnum) : throw VipsErrors.Failed($"{_name}.{name} = \"{value}\"", setup: true);
    }

    public VipsOperation Set(string name, VipsImage image) =>
        Assign(name, Expect(name, VipsTypes.Image, "an image"), image.Handle, &GObjectApi.ValueSetObject);

    public VipsOperation Set(string name, double[] values)
    {
        var type = Expect(name, VipsTypes.ArrayDouble, "an array of doubles");
        GValue value = default;
        GObjectApi.ValueInit(&value, type);
        try
        {
            fixed (double* array = values)
            {
                VipsApi.ValueSetArrayDouble(&value, array, values.Length);
            }
            GObjectApi.ObjectSetProperty(_handle, name, &value);
        }
        finally
        {
            GObjectApi.ValueUnset(&value);
        }
        return this;
    }

    /// <summary>A blob argument holding a copy of <paramref name="bytes"/> (libvips reads it lazily, after this returns).</summary>
    public VipsOperation SetBuffer(string name, ReadOnlySpan<byte> bytes)
    {
        var type = Expect(name, VipsTypes.Blob, "a blob");
        VipsBlobHandle blob;
        fixed (byte* data = bytes)
        {
            blob = VipsErrors.Check(VipsApi.BlobCopy(data, (nuint)bytes.Length), "vips_blob_copy");
        }
        using (blob)
        {
            return Assign(name, type, blob, &GObjectApi.ValueSetBoxed);
        }
    }

    /// <summary>Runs the operation; <see cref="VipsException"/> with libvips' message when it fails.</summary>
    public VipsOperation Build()
    {
        // Savers compute every pixel of their input while they build: they stay outside the Orc gate.
        var gated = !_name.Contains("save", StringComparison.Ordinal);
        if (gated)
        {
            OrcGate.Gate.Enter();
        }
        VipsOperationHandle built;
        try
        {
            built = VipsApi.CacheOperationBuild(_handle);
            if (built.IsInvalid)
            {
                built.Dispose();
                VipsApi.ObjectUnrefOutputs(_handle);
                throw VipsErrors.Failed(_name);
            }
        }
        finally
        {
            if (gated)
            {
                OrcGate.Gate.Exit();
            }
        }
        _handle.Dispose();
        _handle = built;
        _built = true;
        return this;
    }

    /// <summary>An image output, with its own reference (dispose it).</summary>
    public VipsImage GetImage(string name)
    {
        GValue value = default;
        GObjectApi.ValueInit(&value, VipsTypes.Image);
        try
        {
            GObjectApi.ObjectGetProperty(_handle, name, &value);
            var image = GObjectApi.ValueGetObject(&value);
            return image != 0 ? new VipsImage(VipsImageHandle.Reference(image)) : throw new VipsException($"{_name}.{name}", "the output is not set");
        }
        finally
        {
            GObjectApi.ValueUnset(&value);
        }
    }

    /// <summary>A blob output, copied into managed memory.</summary>
    public byte[] GetBytes(string name)
    {
        GValue value = default;
        GObjectApi.ValueInit(&value, VipsTypes.Blob);
        try
        {
            GObjectApi.ObjectGetProperty(_handle, name, &value);
            var blob = GObjectApi.ValueGetBoxed(&value);
            if (blob == 0)
            {
                throw new VipsException($"{_name}.{name}", "the output is not set");
            }
            var data = VipsApi.BlobGet(blob, out var length);
            return new ReadOnlySpan<byte>(data, checked((int)length)).ToArray();
        }
        finally
        {
            GObjectApi.ValueUnset(&value);
        }
    }

    public void Dispose()
    {
        lock (OrcGate.Gate)
        {
            if (_built && !_handle.IsClosed)
            {
                VipsApi.ObjectUnrefOutputs(_handle);
            }
            _handle.Dispose();
        }
    }

    private VipsOperation Assign<T>(string name, nuint type, T value, delegate*<GValue*, T, void> store)
    {
        GValue gvalue = default;
        GObjectApi.ValueInit(&gvalue, type);
        try
        {
            store(&gvalue, value);
            GObjectApi.ObjectSetProperty(_handle, name, &gvalue);
        }
        finally
        {
            GObjectApi.ValueUnset(&gvalue);
        }
        return this;
    }

    private nuint Expect(string name, nuint expected, string description) =>
        ArgumentType(name) == expected ? expected : throw Mismatch(name, description);

    private nuint ArgumentType(string name) =>
        VipsApi.ObjectGetArgument(_handle, name, out var spec, out _, out _) == 0
            ? spec->ValueType
            : throw VipsErrors.Failed($"{_name}.{name}", setup: true);

    private VipsException Mismatch(string name, string description) =>
        new($"{_name}.{name}", $"the binding passed {description}, which is not the argument's type", setup: true);
}
