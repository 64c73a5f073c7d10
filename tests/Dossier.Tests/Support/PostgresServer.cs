using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;
using Xunit;

[assembly: AssemblyFixture(typeof(Dossier.Tests.Support.PostgresServer))]

namespace Dossier.Tests.Support;

/// <summary>
/// A throwaway PostgreSQL server for the whole test run: initdb into a fresh temp directory, started on
/// 127.0.0.1 at a free port on the first <see cref="CreateDatabaseAsync"/>, stopped and deleted at the end.
/// A server that cannot start makes every test that asks for it fail with the reason (CI must run them).
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private const string Superuser = "postgres";
    private readonly Lazy<Task<Running>> _start;

    public PostgresServer() => _start = new(StartAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Creates a fresh, empty database and returns its Npgsql connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var server = await _start.Value;
        var name = $"dossier_{Guid.NewGuid():N}";
        await using (var admin = new NpgsqlConnection(server.ConnectionString("postgres")))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin);
            await create.ExecuteNonQueryAsync();
        }
        return server.ConnectionString(name);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_start.IsValueCreated) return;
        Running server;
        try { server = await _start.Value; }
        catch (InvalidOperationException) { return; } // a server that never started left nothing running
        NpgsqlConnection.ClearAllPools();
        await Programs.RunAsync(server.Binaries, "pg_ctl", ["-D", server.DataDirectory, "-m", "immediate", "-w", "stop"]);
        Programs.Delete(server.Root);
    }

    private static async Task<Running> StartAsync()
    {
        var binaries = Programs.FindBinaries();
        var root = Directory.CreateTempSubdirectory("dossier-pg-").FullName;
        try
        {
            if (Programs.IsRoot)
            {
                var chown = await Programs.RunAsync(null, "chown", [$"{Superuser}:", root]);
                if (chown.ExitCode != 0) throw new InvalidOperationException($"chown {root} failed: {chown.Output}");
            }
            var data = Path.Combine(root, "data");
            var init = await Programs.RunAsync(binaries, "initdb",
                ["-D", data, "--auth=trust", "-U", Superuser, "-E", "UTF8", "--locale=C", "--no-sync"]);
            if (init.ExitCode != 0) throw new InvalidOperationException($"initdb failed ({init.ExitCode}): {init.Output}");

            // A free port can be taken between probing and binding, so a failed start tries another.
            var failures = new List<string>();
            for (var attempt = 0; attempt < 3; attempt++)
            {
                var port = FreePort();
                var log = Path.Combine(root, "server.log");
                var options = $"-c listen_addresses=127.0.0.1 -p {port} -k {root} -c fsync=off -c synchronous_commit=off -c full_page_writes=off";
                var start = await Programs.RunAsync(binaries, "pg_ctl", ["-D", data, "-l", log, "-o", options, "-w", "-t", "60", "start"]);
                if (start.ExitCode == 0) return new Running(binaries, root, data, port);
                failures.Add($"pg_ctl start on port {port} failed ({start.ExitCode}): {start.Output} {Programs.Tail(log)}");
            }
            throw new InvalidOperationException(string.Join(Environment.NewLine, failures));
        }
        catch
        {
            Programs.Delete(root);
            throw;
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private sealed record Running(string Binaries, string Root, string DataDirectory, int Port)
    {
        public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1", Port = Port, Username = Superuser, Database = database,
        }.ConnectionString;
    }

    private sealed record Outcome(int ExitCode, string Output);

    /// <summary>Runs the PostgreSQL programs as user postgres when the tests run as root (initdb refuses root).</summary>
    private static class Programs
    {
        public static bool IsRoot => Environment.UserName == "root";

        public static string FindBinaries()
        {
            const string installed = "/usr/lib/postgresql";
            var best = Directory.Exists(installed)
                ? Directory.GetDirectories(installed)
                    .Where(d => File.Exists(Path.Combine(d, "bin", "initdb")))
                    .Select(d => (Dir: d, Major: double.TryParse(Path.GetFileName(d), CultureInfo.InvariantCulture, out var v) ? v : -1))
                    .OrderByDescending(d => d.Major)
                    .Select(d => Path.Combine(d.Dir, "bin"))
                    .FirstOrDefault()
                : null;
            return best ?? throw new InvalidOperationException(
                $"no PostgreSQL server binaries under {installed}/*/bin (apt-get install -y postgresql; .ci/run does it)");
        }

        public static async Task<Outcome> RunAsync(string? binaries, string program, IReadOnlyList<string> arguments)
        {
            var path = binaries is null ? program : Path.Combine(binaries, program);
            var info = new ProcessStartInfo
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            if (binaries is not null && IsRoot)
            {
                info.FileName = "runuser";
                foreach (var a in new[] { "-u", Superuser, "--", path }) info.ArgumentList.Add(a);
            }
            else
            {
                info.FileName = path;
            }
            foreach (var a in arguments) info.ArgumentList.Add(a);
            info.WorkingDirectory = Path.GetTempPath();
            using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {path}");
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            return new Outcome(process.ExitCode, ((await stdout) + (await stderr)).Trim());
        }

        public static string Tail(string file) =>
            File.Exists(file) ? string.Join(" | ", File.ReadLines(file).TakeLast(10)) : "";

        public static void Delete(string directory)
        {
            try { Directory.Delete(directory, recursive: true); }
            catch (IOException) { } // a leftover temp directory must not fail the run
            catch (UnauthorizedAccessException) { }
        }
    }
}
