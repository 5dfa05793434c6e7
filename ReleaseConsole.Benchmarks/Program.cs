using BenchmarkDotNet.Running;

// dotnet run -c Release --project ReleaseConsole.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
