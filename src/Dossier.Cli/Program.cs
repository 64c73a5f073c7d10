using Dossier.Cli;

return await DossierCommand.RunAsync(args, Console.Out, Console.Error);
