# Builds the WasteMovements API image (used by docker-compose.yml).
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY NuGet.config Directory.Build.props Directory.Packages.props WasteMovements.sln ./
COPY src/ src/
# Locked restore: the packages.lock.json files decide every version (docs/dependencies.md).
RUN dotnet restore src/WasteMovements.Api --locked-mode && dotnet publish src/WasteMovements.Api -c Release --no-restore -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
ENV ASPNETCORE_URLS=http://0.0.0.0:5080
EXPOSE 5080
ENTRYPOINT ["dotnet", "WasteMovements.Api.dll"]
