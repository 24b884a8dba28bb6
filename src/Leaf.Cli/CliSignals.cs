using System.Runtime.InteropServices;

namespace Leaf.Cli;

/// <summary>
/// SIGINT (Ctrl+C) and SIGTERM (<c>kill</c>, a Kubernetes eviction) as a cancellation of the running command: the first
/// signal cancels <see cref="Token"/>, the command saves what it has finished, says how far it got and how to resume,
/// and the process exits with <see cref="ExitCode"/> (130 or 143, the shell's 128 + signal). A second signal ends the
/// process at once. Only commands that observe the token install it (<see cref="LeafCli"/>); the others end at the
/// first signal as usual.
/// </summary>
internal sealed class CliSignals : IDisposable
{
    /// <summary>Exit code after SIGINT (128 + 2), also used when the caller's token cancelled the command.</summary>
    public const int InterruptExitCode = 130;

    /// <summary>Exit code after SIGTERM (128 + 15).</summary>
    public const int TerminateExitCode = 143;

    private readonly CancellationTokenSource cancel;
    private readonly PosixSignalRegistration[] registrations;
    private int received; // 0 until the first signal, then its exit code

    /// <summary>Installs the handlers; <paramref name="external"/> cancels like a SIGINT.</summary>
    public CliSignals(CancellationToken external)
    {
        cancel = CancellationTokenSource.CreateLinkedTokenSource(external);
        registrations = OperatingSystem.IsWindows() || OperatingSystem.IsLinux() || OperatingSystem.IsMacOS() || OperatingSystem.IsFreeBSD()
            ? [PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle), PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle)]
            : [];
    }

    /// <summary>Cancelled by the first signal (or the caller's token).</summary>
    public CancellationToken Token => cancel.Token;

    /// <summary>The exit code of an interrupted command: 143 after SIGTERM, else 130.</summary>
    public int ExitCode => received == TerminateExitCode ? TerminateExitCode : InterruptExitCode;

    /// <summary>The signal that arrived, for messages ("SIGINT"), or null.</summary>
    public string? SignalName => received switch { InterruptExitCode => "SIGINT", TerminateExitCode => "SIGTERM", _ => null };

    private void Handle(PosixSignalContext context)
    {
        int code = context.Signal == PosixSignal.SIGTERM ? TerminateExitCode : InterruptExitCode;
        if (Interlocked.CompareExchange(ref received, code, 0) != 0) return; // a second signal: the default action ends the process
        context.Cancel = true;
        cancel.Cancel();
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var registration in registrations) registration.Dispose();
        cancel.Dispose();
    }
}
