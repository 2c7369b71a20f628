using ActorQueue.Imaging.Thumbnails;
using ActorQueue.Jobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ActorQueue.Imaging;

public static class ImagingServiceCollectionExtensions
{
    /// <summary>
    /// Image jobs: the <c>image.thumbnail</c> kind (queue <c>image</c>), the <see cref="ImageOptions"/> of
    /// section <c>Images</c>, and libvips, started once per process. Needs an <see cref="Storage.IBlobStore"/>.
    /// </summary>
    public static IServiceCollection AddImaging(this IServiceCollection services, IConfiguration configuration)
    {
        var options = new ImageOptions();
        configuration.GetSection(ImageOptions.Section).Bind(options);
        services.AddSingleton(options);
        services.AddSingleton<ImagingRuntime>();
        services.AddHostedService(provider => provider.GetRequiredService<ImagingRuntime>());
        services.AddSingleton<ImageInspector>();
        services.AddScoped<IThumbnailer, VipsThumbnailer>();
        services.AddJobHandler<ImageThumbnailHandler>();
        services.AddSingleton<IJobKindAvailability>(provider =>
            new LibvipsAvailability(provider.GetRequiredService<ImagingRuntime>(), ImageThumbnailHandler.JobKind, ImageThumbnailHandler.Queue));
        return services;
    }
}
