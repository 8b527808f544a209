using System;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LlmCallAnalyzers.Runtime;

/// <summary>Registers <see cref="LlmKeepWarmService"/>.</summary>
public static class LlmKeepWarmServiceCollectionExtensions
{
    /// <summary>
    /// Adds the keep-warm hosted service (once; further calls add to its options) and <see cref="LlmKeepWarmService"/>
    /// itself as a singleton, for <see cref="LlmKeepWarmService.GetCost"/>.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Adds models (<see cref="LlmKeepWarmOptions.Models"/>) and sets options.</param>
    /// <returns>The services.</returns>
    /// <example>
    /// <code>
    /// services.AddLlmKeepWarm(options =>
    /// {
    ///     options.Models.Add(new LlmKeepWarmModel("ft:gpt-4o-mini-2024-07-18:acme::A1b2C3d4", classifierClient));
    ///     options.SafetyFactor = 0.8;
    /// });
    /// </code>
    /// </example>
    public static IServiceCollection AddLlmKeepWarm(this IServiceCollection services, Action<LlmKeepWarmOptions> configure)
    {
        if (services is null)
        {
            throw new ArgumentNullException(nameof(services));
        }

        if (configure is null)
        {
            throw new ArgumentNullException(nameof(configure));
        }

        services.AddOptions<LlmKeepWarmOptions>().Configure(configure);
        services.TryAddSingleton(sp => new LlmKeepWarmService(
            sp.GetRequiredService<IOptions<LlmKeepWarmOptions>>().Value,
            sp,
            sp.GetService<ILoggerFactory>()?.CreateLogger<LlmKeepWarmService>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, LlmKeepWarmService>(sp => sp.GetRequiredService<LlmKeepWarmService>()));
        return services;
    }
}
