using System.Net;
using Broker.Server.Api;
using Microsoft.AspNetCore.Http;

namespace Broker.Server.Tests;

/// <summary>What an API request answers when a grain it needs lived on a host the cluster has not declared dead yet.</summary>
public sealed class HostLossExceptionHandlerTests
{
    private static async Task<(bool Handled, HttpContext Context, string Body)> HandleAsync(Exception exception)
    {
        var services = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider();
        var context = new DefaultHttpContext { RequestServices = services, Response = { Body = new MemoryStream() } };
        var handler = new HostLossExceptionHandler(services.GetRequiredService<IProblemDetailsService>());
        var handled = await handler.TryHandleAsync(context, exception, TestContext.Current.CancellationToken);
        context.Response.Body.Position = 0;
        return (handled, context, await new StreamReader(context.Response.Body).ReadToEndAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_lost_host_answers_503_with_retry_after_and_a_problem_in_words()
    {
        var (handled, context, body) = await HandleAsync(new SiloUnavailableException());

        Assert.True(handled);
        Assert.Equal((int)HttpStatusCode.ServiceUnavailable, context.Response.StatusCode);
        Assert.Equal("5", context.Response.Headers.RetryAfter.ToString());
        Assert.Contains("application/problem+json", context.Response.ContentType);
        Assert.Contains("try again in 5 seconds", body);
    }

    [Fact]
    public async Task Any_other_failure_is_left_to_the_next_handler()
    {
        var (handled, context, _) = await HandleAsync(new InvalidOperationException("a bug"));

        Assert.False(handled);
        Assert.Equal(StatusCodes.Status200OK, context.Response.StatusCode);
    }
}
