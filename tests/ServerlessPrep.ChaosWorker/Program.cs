using ServerlessPrep.ChaosWorker;

return args.FirstOrDefault() switch
{
    "process" when args.Length == 8 => await ProcessCommand.RunAsync(args),
    "counter" when args.Length == 3 => await CounterCommand.RunAsync(args),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: ServerlessPrep.ChaosWorker process WORKSPACE EVENTS OUTCOMES KILL_POINT|none NTH LEASE_MS MAX_ATTEMPTS");
    Console.Error.WriteLine("       ServerlessPrep.ChaosWorker counter DB INCREMENTS");
    return 2;
}
