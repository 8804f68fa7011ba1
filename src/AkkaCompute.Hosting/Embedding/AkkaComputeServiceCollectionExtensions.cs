using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace AkkaCompute.Hosting.Embedding;

/// <summary><c>services.AddAkkaCompute(options => ...)</c>: an application (ASP.NET Core, worker service) hosts a compute node.</summary>
public static class AkkaComputeServiceCollectionExtensions
{
    /// <summary>
    /// Registers an actor system named <paramref name="actorSystemName"/> (Akka.Hosting's <c>AddAkka</c>) with a compute node
    /// in it (<see cref="AkkaComputeBuilderExtensions.WithAkkaCompute(AkkaConfigurationBuilder, AkkaComputeOptions)"/>),
    /// <see cref="AkkaComputeOptions"/> (bindable, validated by <see cref="AkkaComputeOptionsValidator"/> when the host
    /// starts: an invalid option stops the start with <see cref="OptionsValidationException"/> naming it), a hosted service
    /// that opens the node's store before the actor system starts (a data directory in use stops the start with
    /// <see cref="Node.DataDirectoryInUseException"/>) and <see cref="IComputeService"/>. Inject
    /// <c>IRequiredActor&lt;PeerActor&gt;</c> for the PeerActor itself.
    /// </summary>
    /// <param name="services">The application's services.</param>
    /// <param name="configure">Sets the node's options.</param>
    /// <param name="actorSystemName">The actor system's name. Default <c>akc</c>; letters, digits, '-' and '_'.</param>
    /// <param name="configureAkka">Further Akka.Hosting configuration of the same actor system (the application's own actors); null for none.</param>
    /// <returns><paramref name="services"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> or <paramref name="configure"/> is null.</exception>
    public static IServiceCollection AddAkkaCompute(this IServiceCollection services, Action<AkkaComputeOptions> configure, string actorSystemName = "akc", Action<AkkaConfigurationBuilder, IServiceProvider>? configureAkka = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<AkkaComputeOptions>().Configure(configure).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AkkaComputeOptions>, AkkaComputeOptionsValidator>();
        services.AddHostedService<ComputeStoreGate>(); // before AddAkka's service: the store is open when the actors start
        services.AddAkka(actorSystemName, (builder, provider) =>
        {
            builder.WithAkkaCompute(provider.GetRequiredService<IOptions<AkkaComputeOptions>>().Value);
            configureAkka?.Invoke(builder, provider);
        });
        services.AddSingleton<IComputeService, ComputeService>();
        return services;
    }
}
