using Microsoft.Extensions.FileProviders;

namespace LiveRoom.Server.Pages;

/// <summary>The two pages: the viewer page at <c>/r/{roomId}</c> and the staff console at <c>/console</c>.</summary>
public static class PageEndpoints
{
    public static IEndpointRouteBuilder MapPages(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", () => Results.Redirect("/console")).ExcludeFromDescription();
        string[] getOrHead = [HttpMethods.Get, HttpMethods.Head];
        app.MapMethods("/r/{roomId}", getOrHead, (IWebHostEnvironment env) => Page(env, "viewer.html")).ExcludeFromDescription();
        app.MapMethods("/console", getOrHead, (IWebHostEnvironment env) => Page(env, "console.html")).ExcludeFromDescription();
        return app;
    }

    private static IResult Page(IWebHostEnvironment env, string file)
    {
        var page = env.WebRootFileProvider.GetFileInfo(file);
        if (!page.Exists || page is NotFoundFileInfo)
        {
            return Results.Text(
                "The LiveRoom web pages have not been built. Run scripts/build-web.sh (scripts/run.sh does it for you).",
                "text/plain; charset=utf-8",
                statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        return Results.Stream(page.CreateReadStream(), "text/html; charset=utf-8");
    }
}
