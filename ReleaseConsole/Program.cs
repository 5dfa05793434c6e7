using MudBlazor.Services;
using ReleaseConsole.Api;
using ReleaseConsole.Api.Contract;
using ReleaseConsole.Components;
using ReleaseConsole.Components.Model;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddRazorComponents().AddInteractiveServerComponents();
builder.Services.AddMudServices();
builder.Services.AddSingleton<TimeFormatter>();
builder.Services.AddReleaseConsoleApi(builder.Configuration, builder.Environment.ContentRootPath);

var app = builder.Build();

if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/Error", createScopeForErrors: true);
}
app.UseContractStatusCodes();
app.UseAntiforgery();

app.MapStaticAssets();
app.MapReleaseConsoleApi();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

app.Run();
