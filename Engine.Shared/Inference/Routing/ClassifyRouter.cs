using System.Text.Json;
using ActorQueue.Jobs;
using ActorQueue.Protocol;

namespace ActorQueue.Inference.Routing;

/// <summary>
/// Puts each <c>inference.classify</c> job on the queue of the model it names (<c>payload.model</c>,
/// <c>?model=</c>): <c>inference.NAME</c>, which only members that have loaded NAME claim from. While the
/// cluster serves exactly one model the name may be left out. An unknown model, a model no live member
/// serves, or a missing name among several models is refused with a sentence naming the models served.
/// </summary>
internal sealed class ClassifyRouter(ClusterModels models) : IJobRouter
{
    public string Kind => ClassifyJobHandler.JobKind;

    public (string? Queue, string? Error) Route(SubmitJobRequest request)
    {
        if (!TryReadModel(request.Payload, out var named))
        {
            return (null, "payload.model must be a string: the name of the model to classify with.");
        }
        var (model, error) = Resolve(named);
        return model is null ? (null, error) : (ModelQueues.QueueOf(model), null);
    }

    /// <summary>The model a job for <paramref name="named"/> (null: unnamed) goes to, or the sentence that refuses it.</summary>
    public (string? Model, string? Error) Resolve(string? named)
    {
        var all = models.List();
        var served = ClusterModels.Served(all);
        if (named is null)
        {
            return served.Count switch
            {
                1 => (served[0], null),
                0 => (null, "No live member serves a model now; start the seed or a worker node with --models DIR or --model PATH.onnx."),
                _ => (null, $"This cluster serves several models ({string.Join(", ", served)}); name one with ?model=NAME (aq classify --model NAME, or payload.model)."),
            };
        }
        if (served.Contains(named))
        {
            return (named, null);
        }
        var known = served.Count == 0 ? "it serves none now" : $"it serves {string.Join(", ", served)}";
        return all.FirstOrDefault(m => m.Model.Name == named && m.Model.Error is not null) is { } failed
            ? (null, $"Model '{named}' is not loaded on any live member ({known}); on {failed.MemberName}: {failed.Model.Error}")
            : (null, $"Unknown model '{named}': {known}.");
    }

    private static bool TryReadModel(JsonElement? payload, out string? model)
    {
        model = null;
        if (payload is not { ValueKind: JsonValueKind.Object } body || !body.TryGetProperty("model", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return true;
        }
        model = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        return model is not null;
    }
}
