// An ASP.NET Core application hosting an AkkaCompute node (examples/embedded-web/README.md):
//   dotnet run --project examples/embedded-web -- --urls http://127.0.0.1:5080
//   curl -s -X POST http://127.0.0.1:5080/hash -H 'Content-Type: application/json' -d '{"text":"hello"}'
using System.Text.Json;
using AkkaCompute.Compute.Tasks;
using AkkaCompute.Hosting.Embedding;
using EmbeddedWeb;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddProblemDetails();
builder.Services.AddAkkaCompute(options =>
{
    // From appsettings.json, environment (AkkaCompute__DataDirectory) or the command line (--AkkaCompute:Workers=2).
    options.DataDirectory = builder.Configuration["AkkaCompute:DataDirectory"] ?? ".akc/embedded-web";
    options.Workers = builder.Configuration.GetValue<int?>("AkkaCompute:Workers");
});

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();

// Submits one sha256 task to the node, waits for it, and returns its result.
app.MapPost("/hash", async (HashRequest? request, IComputeService compute, CancellationToken cancellationToken) =>
{
    if (request?.Text is not { } text)
    {
        return Results.ValidationProblem(new Dictionary<string, string[]> { ["text"] = ["required: the text to hash"] });
    }

    if (text.Length > HashRequest.MaxTextLength)
    {
        return Results.ValidationProblem(new Dictionary<string, string[]> { ["text"] = [$"at most {HashRequest.MaxTextLength} characters"] });
    }

    var id = "hash-" + Guid.NewGuid().ToString("N");
    var args = JsonSerializer.SerializeToElement(new Dictionary<string, string> { ["text"] = text });
    await compute.SubmitAsync([new TaskSpec { Id = id, Function = "sha256", Args = args }], cancellationToken: cancellationToken);
    var result = await compute.ResultAsync(id, cancellationToken);
    return Results.Ok(new HashResponse(id, result.State.ToString(), result.Output, result.Error));
});

// The node's task counters.
app.MapGet("/status", async (IComputeService compute, CancellationToken cancellationToken) => Results.Ok(await compute.StatusAsync(cancellationToken)));

app.Run();
