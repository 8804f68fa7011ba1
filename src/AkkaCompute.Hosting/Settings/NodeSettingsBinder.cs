using AkkaCompute.Hosting.Hocon;

namespace AkkaCompute.Hosting.Settings;

/// <summary>
/// Binds the <c>akc</c> block of a HOCON configuration to <see cref="NodeSettings"/> and validates
/// every value. Settings the configuration does not define take their defaults from the embedded
/// <c>reference.conf</c> (see <see cref="ReferenceConfig"/>).
/// </summary>
public static class NodeSettingsBinder
{
    /// <summary>Binds and validates.</summary>
    /// <param name="config">A root configuration holding an <c>akc { ... }</c> block (keys outside it are ignored); may be partial.</param>
    /// <returns>The settings.</returns>
    /// <exception cref="SettingsException">
    /// The first invalid value (out of range, wrong type, invalid regex), or a key under <c>akc</c>
    /// that reference.conf does not define; the message names file, line, column, key, value and constraint.
    /// </exception>
    public static NodeSettings Bind(HoconObject config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var merged = config.WithFallback(ReferenceConfig.Document);
        UnknownSettings.Check(merged, ReferenceConfig.SettingPaths);
        SettingsReader Section(string name) => new(merged, name.Length == 0 ? ReferenceConfig.Root : $"{ReferenceConfig.Root}.{name}");
        return new NodeSettings
        {
            NodeName = SectionBinders.NodeName(Section("")),
            Executor = SectionBinders.Executor(Section("executor")),
            Scheduler = SectionBinders.Scheduler(Section("scheduler")),
            Cache = SectionBinders.Cache(Section("cache")),
            Cluster = SectionBinders.Cluster(Section("cluster")),
            Quota = SectionBinders.Quota(Section("quota")),
            Memory = SectionBinders.Memory(Section("memory")),
            Storage = SectionBinders.Storage(Section("storage")),
            SystemName = ManagementSettingsBinder.SystemName(Section("")),
            Management = ManagementSettingsBinder.Management(Section("management")),
        };
    }
}
