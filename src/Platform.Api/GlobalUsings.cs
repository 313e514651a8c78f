// The namespaces most of this project's files use, named once instead of at the top of each file.
global using Platform.Api.Tenancy;
global using Platform.Api.Infrastructure.Web;
global using Mediator;
global using Platform.Api.Infrastructure.Objects;
global using Platform.Ocpi.Model.Common;
global using System.Text.Json.Nodes;
global using Platform.Api.Infrastructure.Data;
global using FluentValidation;
