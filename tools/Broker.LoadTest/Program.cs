using Broker.LoadTest;

return await EnrollmentBenchmark.RunAsync(BenchmarkArgs.Parse(args), Console.Out);
