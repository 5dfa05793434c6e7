using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ReleaseConsole.Api.Catalog;
using ReleaseConsole.Api.Configuration;
using ReleaseConsole.Api.Contract;
using ReleaseConsole.Api.Data;
using ReleaseConsole.Api.Hubs;
using ReleaseConsole.Api.Integrations.BlueKing;
using ReleaseConsole.Api.Integrations.Cmdb;
using ReleaseConsole.Api.Integrations.Embedded;
using ReleaseConsole.Api.Integrations.Metrics;
using ReleaseConsole.Api.Integrations.Sops;
using ReleaseConsole.Api.Metrics;
using ReleaseConsole.Api.Releases;

namespace ReleaseConsole.Api;

public static class ServiceCollectionExtensions
{
    /// <summary>Everything behind the pages and the contract: options, data, integrations, services, background work, routes and hub.</summary>
    public static IServiceCollection AddReleaseConsoleApi(this IServiceCollection services, IConfiguration configuration, string contentRootPath)
    {
        services.AddValidatedOptions<ReleaseConsoleOptions, ReleaseConsoleOptionsValidator>(configuration, ReleaseConsoleOptions.Section);
        services.AddValidatedOptions<EmbeddedOptions, EmbeddedOptionsValidator>(configuration, EmbeddedOptions.Section);
        services.AddValidatedOptions<SopsOptions, SopsOptionsValidator>(configuration, SopsOptions.Section);
        services.AddValidatedOptions<MetricsOptions, MetricsOptionsValidator>(configuration, MetricsOptions.Section);
        services.TryAddSingleton(TimeProvider.System);

        var connectionString = configuration.GetConnectionString("ReleaseConsole")
            ?? $"Data Source={Path.Combine(contentRootPath, "App_Data", "releaseconsole.db")}";
        services.AddDbContextFactory<ReleaseConsoleDbContext>(options => options.UseSqlite(connectionString));
        services.AddHostedService<DatabaseInitializer>(); // first, so the tables exist before the workers below start

        services.AddSingleton<EmbeddedInventory>();
        var backend = configuration.GetSection(ReleaseConsoleOptions.Section).Get<ReleaseConsoleOptions>()?.Backend ?? BackendKind.Embedded;
        if (backend == BackendKind.BlueKing)
        {
            services.AddBlueKingBackend(configuration);
        }
        else
        {
            services.AddSingleton<ICmdbClient, EmbeddedCmdbClient>();
            services.AddSingleton<ISopsClient, EmbeddedSopsEngine>();
        }
        if (string.IsNullOrWhiteSpace(configuration[$"{MetricsOptions.Section}:{nameof(MetricsOptions.ExporterUrlTemplate)}"]))
        {
            services.AddSingleton<IExporterScraper, EmbeddedExporter>();
        }
        else
        {
                var scrapeTimeout = configuration.GetSection(MetricsOptions.Section).Get<MetricsOptions>()?.ScrapeTimeout ?? new MetricsOptions().ScrapeTimeout;
            services.AddHttpClient<IExporterScraper, HttpExporterScraper>()
                .AddStandardResilienceHandler(o =>
                {
                    o.AttemptTimeout.Timeout = scrapeTimeout;
                    o.TotalRequestTimeout.Timeout = scrapeTimeout * 4;
                    o.CircuitBreaker.SamplingDuration = scrapeTimeout * 6;
                    o.Retry.MaxRetryAttempts = 2;
                    o.Retry.Delay = TimeSpan.FromMilliseconds(500); // an operator is waiting on API-05
                });
        }

        services.AddSingleton<ReleaseTaskFeed>();
        services.AddSingleton<TaskStateRecorder>();
        services.AddHttpContextAccessor();
        services.AddScoped<IOperatorAccessor, HttpContextOperatorAccessor>();
        services.AddScoped<CatalogService>();
        services.AddScoped<ReleaseService>();
        services.AddScoped<TaskQueryService>();
        services.AddScoped<MetricsService>();

        services.AddSingleton<SopsPoller>();
        services.AddHostedService(sp => sp.GetRequiredService<SopsPoller>());
        services.AddSingleton<MetricsCollector>();
        services.AddHostedService(sp => sp.GetRequiredService<MetricsCollector>());
        services.AddHostedService<HubTaskChangeRelay>();

        services.AddControllers()
            .AddApplicationPart(typeof(ContractController).Assembly)
            .AddJsonOptions(o => ContractJson.Configure(o.JsonSerializerOptions));
        services.AddSignalR().AddJsonProtocol(o => ContractJson.Configure(o.PayloadSerializerOptions));
        return services;
    }

    public static IEndpointRouteBuilder MapReleaseConsoleApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapControllers();
        endpoints.MapHub<ReleaseTaskHub>(ReleaseTaskHub.Path);
        return endpoints;
    }

    /// <summary>The real CMDB and SOPS: reads retry with back-off, commands (create, start, operate) never retry.</summary>
    private static void AddBlueKingBackend(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<BlueKingOptions, BlueKingOptionsValidator>(configuration, BlueKingOptions.Section);
        var settings = configuration.GetSection(BlueKingOptions.Section).Get<BlueKingOptions>() ?? new BlueKingOptions();
        var timeout = settings.Timeout > TimeSpan.Zero ? settings.Timeout : new BlueKingOptions().Timeout;
        var retryDelay = settings.RetryDelay > TimeSpan.Zero ? settings.RetryDelay : new BlueKingOptions().RetryDelay;
        // The auth header carries the app secret; HttpClient logging redacts header values by default (a test holds it to that).
        services.AddHttpClient(BlueKingGateway.ReadClient).AddStandardResilienceHandler(o =>
        {
            o.AttemptTimeout.Timeout = timeout;
            o.Retry.MaxRetryAttempts = 2;
            o.Retry.Delay = retryDelay;
            o.TotalRequestTimeout.Timeout = timeout * 3 + retryDelay * 4;
            o.CircuitBreaker.SamplingDuration = timeout * 2;
        });
        services.AddHttpClient(BlueKingGateway.CommandClient, client => client.Timeout = timeout);
        services.AddSingleton<BlueKingGateway>();
        services.AddSingleton<ICmdbClient, BlueKingCmdbClient>();
        services.AddSingleton<ISopsClient, BlueKingSopsClient>();
    }

    private static void AddValidatedOptions<TOptions, TValidator>(this IServiceCollection services, IConfiguration configuration, string section)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        services.AddOptions<TOptions>().Bind(configuration.GetSection(section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TOptions>, TValidator>();
    }
}
