using System.Reflection;
using JasperFx;
using JasperFx.CodeGeneration.Frames;
using JasperFx.CodeGeneration.Model;
using Wolverine.Http;
using Wolverine.Http.CodeGen;

namespace WasteMovements.Api.Pipeline;

/// <summary>
/// Gives an endpoint's <see cref="StepWriter"/> parameter a value made in the generated chain from the chain's own
/// HttpContext, Marten session (the outbox-enrolled one Wolverine commits) and message bus, so that endpoints name
/// only their route values, body and step instead of injecting the same five services each.
/// </summary>
public sealed class StepWriterParameterStrategy : IParameterStrategy
{
    public bool TryMatch(HttpChain chain, IServiceContainer container, ParameterInfo parameter, out Variable? variable)
    {
        variable = null;
        if (parameter.ParameterType != typeof(StepWriter)) return false;
        var create = new MethodCall(typeof(StepWriter), nameof(StepWriter.For)) { CommentText = "The write pipeline of this chain" };
        chain.Middleware.Add(create);
        variable = create.ReturnVariable;
        return true;
    }
}
