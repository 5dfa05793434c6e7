using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using ReleaseConsole.Api.Integrations.Embedded;

namespace ReleaseConsole.Api.Data;

public sealed class ReleaseConsoleDbContext(DbContextOptions<ReleaseConsoleDbContext> options) : DbContext(options)
{
    /// <summary>The SQL filter of the active-task guard: one such row per (inner IP, cloud id).</summary>
    internal const string ActiveStatusFilter = "\"Status\" IN ('CREATED', 'RUNNING', 'SUSPENDED')";

    public DbSet<ReleaseTask> ReleaseTasks => Set<ReleaseTask>();
    public DbSet<ReleaseTaskStep> ReleaseTaskSteps => Set<ReleaseTaskStep>();
    public DbSet<MetricSample> MetricSamples => Set<MetricSample>();

    /// <summary>State of the embedded SOPS simulation; a real SOPS keeps this on its own side.</summary>
    public DbSet<SimulatedSopsTask> SimulatedSopsTasks => Set<SimulatedSopsTask>();

    protected override void ConfigureConventions(ModelConfigurationBuilder builder)
    {
        // SQLite keeps DateTime as text without a kind; everything stored is UTC.
        builder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        builder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.Entity<ReleaseTask>(task =>
        {
            task.Property(t => t.InnerIp).HasMaxLength(64);
            task.Property(t => t.OuterIp).HasMaxLength(64);
            task.Property(t => t.Operator).HasMaxLength(128);
            task.Property(t => t.Error).HasMaxLength(1024);
            task.Property(t => t.Status)
                .HasConversion(s => s.ToContractString(), s => Enum.Parse<ReleaseTaskStatus>(s, true))
                .HasMaxLength(16);
            task.HasIndex(t => t.SopsTaskId).IsUnique();
            task.HasIndex(t => new { t.InnerIp, t.CloudId })
                .IsUnique()
                .HasFilter(ActiveStatusFilter)
                .HasDatabaseName("UX_ReleaseTasks_ActiveHost");
            task.HasIndex(t => new { t.CreatedAt, t.Id });
            task.HasIndex(t => new { t.OuterIp, t.Status });
            task.HasMany(t => t.Steps).WithOne().HasForeignKey(s => s.ReleaseTaskId).OnDelete(DeleteBehavior.Cascade);
        });

        model.Entity<ReleaseTaskStep>(step =>
        {
            step.Property(s => s.Code).HasMaxLength(64);
            step.Property(s => s.Name).HasMaxLength(128);
            step.Property(s => s.State).HasMaxLength(16);
            step.HasIndex(s => new { s.ReleaseTaskId, s.Index }).IsUnique();
        });

        model.Entity<MetricSample>(sample =>
        {
            sample.Property(s => s.OuterIp).HasMaxLength(64);
            sample.HasIndex(s => new { s.OuterIp, s.Timestamp });
            sample.HasIndex(s => s.Timestamp);
        });

        model.Entity<SimulatedSopsTask>(task =>
        {
            task.ToTable("EmbeddedSopsTasks");
            task.Property(t => t.InnerIp).HasMaxLength(64);
            task.Property(t => t.State)
                .HasConversion(s => s.ToContractString(), s => Enum.Parse<ReleaseTaskStatus>(s, true))
                .HasMaxLength(16);
            task.OwnsMany(t => t.Steps, steps => steps.ToJson());
        });
    }
}

internal sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
    v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
