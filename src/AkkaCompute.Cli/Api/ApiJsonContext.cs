using System.Text.Json;
using System.Text.Json.Serialization;
using AkkaCompute.Cli.Api.Dtos;
using AkkaCompute.Compute.Protocol;
using AkkaCompute.Compute.Tasks;
using AkkaCompute.Node.Cluster;

namespace AkkaCompute.Cli.Api;

/// <summary>
/// The REST API's System.Text.Json source-generated context: web defaults (camelCase names), enums by name, every DTO of
/// <c>/api/v1</c> and the engine's records they carry (<see cref="TaskSpec"/>, <see cref="TaskResult"/>, <see cref="NodeStatus"/>, ...).
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true)]
[JsonSerializable(typeof(ApiProblemDto))]
[JsonSerializable(typeof(JobAcceptedDto))]
[JsonSerializable(typeof(JobDto))]
[JsonSerializable(typeof(List<JobDto>))]
[JsonSerializable(typeof(TaskListDto))]
[JsonSerializable(typeof(TaskDetailDto))]
[JsonSerializable(typeof(TaskResult))]
[JsonSerializable(typeof(CancelDto))]
[JsonSerializable(typeof(NodesDto))]
[JsonSerializable(typeof(StatsDto))]
[JsonSerializable(typeof(TaskEventDto))]
[JsonSerializable(typeof(MemberEventDto))]
[JsonSerializable(typeof(TaskSpec))]
[JsonSerializable(typeof(NodeStatus))]
[JsonSerializable(typeof(ClusterStats))]
[JsonSerializable(typeof(ClockView))]
internal sealed partial class ApiJsonContext : JsonSerializerContext;
