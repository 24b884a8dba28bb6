using Leaf.Cli;

return LeafCli.Run(args);
