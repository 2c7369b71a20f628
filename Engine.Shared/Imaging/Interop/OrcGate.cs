namespace ActorQueue.Imaging.Interop;

/// <summary>
/// One process-wide lock around the libvips calls that compile or free Orc programs (the SIMD code of
/// libvips 8.14's vertical Lanczos reduction, made when a <c>reduce</c>, <c>resize</c> or <c>thumbnail</c>
/// operation is built and freed when its last reference goes). liborc 0.4.33 keeps its generated code in
/// shared regions whose free list is not safe against concurrent allocation and release: image actors
/// building and dropping pipelines at once crashed the seed in <c>orc_code_free</c> (SIGSEGV) or corrupted
/// the heap (found by bench/images under load; see bench/RESULTS.md). Turning Orc off
/// (<c>vips_vector_set_enabled</c>) would avoid it too, but made thumbnails 1.6–1.7× slower. Builds and
/// releases are cheap (libvips is lazy: pixels are computed later, by savers and <c>copy_memory</c>, which
/// run outside this lock), except for crops by attention, whose analysis runs at build. Reentrant: disposing
/// an operation releases its images inside it.
/// </summary>
internal static class OrcGate
{
    public static readonly Lock Gate = new();
}
