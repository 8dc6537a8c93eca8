using Broker.Grains.Common;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Broker.Server.Api;

/// <summary>Turns grain results into HTTP answers: refusals become problem+json with the matching status.</summary>
public static class ResultMapping
{
    public static Results<Ok<TOut>, ValidationProblem, ProblemHttpResult> ToOk<T, TOut>(this Result<T> result, Func<T, TOut> map) =>
        result.IsOk ? TypedResults.Ok(map(result.Value!)) : result.Kind == OutcomeKind.Invalid ? Invalid(result) : Problem(result);

    public static Results<Created<TOut>, ValidationProblem, ProblemHttpResult> ToCreated<T, TOut>(
        this Result<T> result, Func<T, TOut> map, Func<TOut, string> location)
    {
        if (!result.IsOk)
        {
            return result.Kind == OutcomeKind.Invalid ? Invalid(result) : Problem(result);
        }

        var body = map(result.Value!);
        return TypedResults.Created(location(body), body);
    }

    public static Results<NoContent, ValidationProblem, ProblemHttpResult> ToNoContent<T>(this Result<T> result) =>
        result.IsOk ? TypedResults.NoContent() : result.Kind == OutcomeKind.Invalid ? Invalid(result) : Problem(result);

    private static ValidationProblem Invalid<T>(Result<T> result) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [result.Field ?? ""] = [result.Error ?? "Invalid."] });

    private static ProblemHttpResult Problem<T>(Result<T> result)
    {
        var (status, title) = result.Kind switch
        {
            OutcomeKind.NotFound => (StatusCodes.Status404NotFound, "Not found"),
            OutcomeKind.Conflict => (StatusCodes.Status409Conflict, "Conflict"),
            OutcomeKind.Forbidden => (StatusCodes.Status403Forbidden, "Forbidden"),
            _ => (StatusCodes.Status400BadRequest, "Bad request"),
        };
        return TypedResults.Problem(detail: result.Error, statusCode: status, title: title);
    }
}
