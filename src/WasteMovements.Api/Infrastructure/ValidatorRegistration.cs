using FluentValidation;

namespace WasteMovements.Api.Infrastructure;

public static class ValidatorRegistration
{
    /// <summary>Registers every validator of this assembly (FluentValidation's DI package is not in this registry).</summary>
    public static IServiceCollection AddRequestValidators(this IServiceCollection services)
    {
        var validators = typeof(ValidatorRegistration).Assembly.GetTypes()
            .Where(t => t is { IsAbstract: false, IsGenericTypeDefinition: false, IsPublic: true })
            .SelectMany(t => t.GetInterfaces()
                .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IValidator<>))
                .Select(i => (Service: i, Implementation: t)));
        foreach (var (service, implementation) in validators)
        {
            services.AddSingleton(service, implementation);
        }

        return services;
    }
}
