using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReleaseConsole.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class InitialSchema : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "EmbeddedSopsTasks",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    BizId = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", nullable: false),
                    InnerIp = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CloudId = table.Column<int>(type: "INTEGER", nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    StepDurationMs = table.Column<long>(type: "INTEGER", nullable: false),
                    FailAtStep = table.Column<int>(type: "INTEGER", nullable: true),
                    CurrentStep = table.Column<int>(type: "INTEGER", nullable: false),
                    CurrentStepResumedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CurrentStepElapsedMs = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    FinishedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Steps = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EmbeddedSopsTasks", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "MetricSamples",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OuterIp = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Timestamp = table.Column<long>(type: "INTEGER", nullable: false),
                    Value = table.Column<double>(type: "REAL", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MetricSamples", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ReleaseTasks",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SopsTaskId = table.Column<long>(type: "INTEGER", nullable: true),
                    BizId = table.Column<int>(type: "INTEGER", nullable: false),
                    InnerIp = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    OuterIp = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CloudId = table.Column<int>(type: "INTEGER", nullable: false),
                    Operator = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Error = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    FinishedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReleaseTasks", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ReleaseTaskSteps",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ReleaseTaskId = table.Column<int>(type: "INTEGER", nullable: false),
                    Index = table.Column<int>(type: "INTEGER", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    StartedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    FinishedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReleaseTaskSteps", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReleaseTaskSteps_ReleaseTasks_ReleaseTaskId",
                        column: x => x.ReleaseTaskId,
                        principalTable: "ReleaseTasks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_MetricSamples_OuterIp_Timestamp",
                table: "MetricSamples",
                columns: new[] { "OuterIp", "Timestamp" });

            migrationBuilder.CreateIndex(
                name: "IX_MetricSamples_Timestamp",
                table: "MetricSamples",
                column: "Timestamp");

            migrationBuilder.CreateIndex(
                name: "IX_ReleaseTasks_CreatedAt_Id",
                table: "ReleaseTasks",
                columns: new[] { "CreatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_ReleaseTasks_OuterIp_Status",
                table: "ReleaseTasks",
                columns: new[] { "OuterIp", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_ReleaseTasks_SopsTaskId",
                table: "ReleaseTasks",
                column: "SopsTaskId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "UX_ReleaseTasks_ActiveHost",
                table: "ReleaseTasks",
                columns: new[] { "InnerIp", "CloudId" },
                unique: true,
                filter: "\"Status\" IN ('CREATED', 'RUNNING', 'SUSPENDED')");

            migrationBuilder.CreateIndex(
                name: "IX_ReleaseTaskSteps_ReleaseTaskId_Index",
                table: "ReleaseTaskSteps",
                columns: new[] { "ReleaseTaskId", "Index" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "EmbeddedSopsTasks");

            migrationBuilder.DropTable(
                name: "MetricSamples");

            migrationBuilder.DropTable(
                name: "ReleaseTaskSteps");

            migrationBuilder.DropTable(
                name: "ReleaseTasks");
        }
    }
}
