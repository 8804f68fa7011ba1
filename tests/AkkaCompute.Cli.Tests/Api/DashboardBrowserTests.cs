using System.Net;
using AkkaCompute.Cli.Tests.Cluster;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace AkkaCompute.Cli.Tests.Api;

/// <summary>
/// The dashboard in a real browser: Microsoft.Playwright driving Debian's chromium (<c>/usr/bin/chromium</c>, headless, installed by
/// .ci/packages) on a real <c>akc node</c>. A job submitted through the REST API appears on the page, progresses and finishes there
/// (live over the events stream); its failure is listed with its error and links to the task's timeline. Screenshots go to
/// <c>bin/.../artifacts/</c>.
/// </summary>
[Collection(ClusterProcessCollection.Name)]
public sealed class DashboardBrowserTests(ApiNodeFixture fixture, ITestOutputHelper output) : IClassFixture<ApiNodeFixture>
{
    private const string Chromium = "/usr/bin/chromium";
    private static readonly float Timeout = (float)ApiNodeFixture.Deadline.TotalMilliseconds;

    [Fact]
    public async Task A_job_submitted_through_the_API_progresses_and_finishes_on_the_page()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: install Debian's chromium (.ci/packages does)");
        var artifacts = Path.Combine(AppContext.BaseDirectory, "artifacts");
        Directory.CreateDirectory(artifacts);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium, Headless = true, Args = ["--no-sandbox", "--disable-gpu"] });
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);
        await page.GotoAsync(new Uri(fixture.Node.Management, "/#job=ui-job").ToString());

        // The page shows the member and goes live on the events stream.
        await Assertions.Expect(page.Locator("#members tbody tr")).ToHaveCountAsync(1, new() { Timeout = Timeout });
        await Assertions.Expect(page.Locator("#members tbody")).ToContainTextAsync(fixture.Node.Address.ToString(), new() { Timeout = Timeout });
        await Assertions.Expect(page.Locator("#live")).ToHaveTextAsync("live", new() { Timeout = Timeout });

        // 40 short tasks, 2 long ones that keep the job running for a while, and one that fails.
        var tasks = Enumerable.Range(0, 40).Select(i => $$"""{"id": "ui-{{i:D2}}", "shell": "sleep 0.05"}""")
            .Append("""{"id": "ui-slow-1", "shell": "sleep 3"}""")
            .Append("""{"id": "ui-slow-2", "shell": "sleep 3"}""")
            .Append("""{"id": "ui-broken", "function": "fail", "args": {"message": "broken on purpose"}, "max-retries": 0}""");
        using var body = new StringContent("[" + string.Join(",\n", tasks) + "]", System.Text.Encoding.UTF8, "application/json");
        using var response = await fixture.Http.PostAsync("api/v1/jobs?job=ui-job", body);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());

        // The job view appears and shows progress before the end...
        var jobView = page.Locator("#jobview");
        await Assertions.Expect(jobView).ToBeVisibleAsync(new() { Timeout = Timeout });
        await Assertions.Expect(page.Locator("#jobprogress")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d+/43$"), new() { Timeout = Timeout });
        await Assertions.Expect(page.Locator("#jobs tbody tr[data-job='ui-job']")).ToBeVisibleAsync(new() { Timeout = Timeout });
        await page.ScreenshotAsync(new() { Path = Path.Combine(artifacts, "dashboard-running.png") });

        // ...and its end: 43/43, done, with the failure listed.
        await Assertions.Expect(page.Locator("#jobprogress")).ToHaveTextAsync("43/43", new() { Timeout = Timeout });
        await Assertions.Expect(jobView).ToHaveAttributeAsync("data-done", "true", new() { Timeout = Timeout });
        await Assertions.Expect(page.Locator("#jobs tbody tr[data-job='ui-job']")).ToHaveAttributeAsync("data-done", "true", new() { Timeout = Timeout });
        var failure = page.Locator("#failures tbody tr", new() { HasText = "ui-broken" });
        await Assertions.Expect(failure).ToContainTextAsync("broken on purpose", new() { Timeout = Timeout });
        await Assertions.Expect(page.Locator("#tps")).Not.ToHaveTextAsync("0.0", new() { Timeout = Timeout });
        var screenshot = Path.Combine(artifacts, "dashboard.png");
        await page.ScreenshotAsync(new() { Path = screenshot, FullPage = true });

        // The failure links to the task's timeline.
        await failure.Locator("a").First.ClickAsync();
        await Assertions.Expect(page.Locator("#taskview")).ToBeVisibleAsync(new() { Timeout = Timeout });
        await Assertions.Expect(page.Locator("#timeline li")).ToHaveCountAsync(3, new() { Timeout = Timeout });
        await Assertions.Expect(page.Locator("#timeline")).ToContainTextAsync("Failed", new() { Timeout = Timeout });
        await page.ScreenshotAsync(new() { Path = Path.Combine(artifacts, "dashboard-timeline.png") });

        output.WriteLine($"screenshots in {artifacts}");
        Assert.Empty(errors);
    }
}
