using Platform.Ocpi.Validation;

namespace Platform.Api.Infrastructure.Pipeline;

/// <summary>
/// Runs every FluentValidation validator of the request; failures refuse it with a message naming each field
/// (OCPI 2001 on the OCPI surface, 400 on the admin surface) before the handler or any transaction starts.
/// </summary>
public sealed class ValidationBehavior<TMessage, TResponse>(IEnumerable<IValidator<TMessage>> validators)
    : IPipelineBehavior<TMessage, TResponse> where TMessage : IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        foreach (var validator in validators)
        {
            // Synchronously: no validator of the platform has an asynchronous rule, and the asynchronous path costs a
            // state machine per rule on every request. (FluentValidation throws here should one ever gain one.)
            var result = validator.Validate(message);
            if (!result.IsValid)
                throw new RequestRejectedException(RejectionKind.Invalid, OcpiValidation.Describe(result));
        }
        return await next(message, cancellationToken);
    }
}
