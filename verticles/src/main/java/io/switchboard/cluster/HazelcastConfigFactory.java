package io.switchboard.cluster;

import com.hazelcast.config.ClasspathXmlConfig;
import com.hazelcast.config.Config;
import com.hazelcast.config.FileSystemXmlConfig;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import io.switchboard.config.ConfigException;
import io.switchboard.config.SwitchboardConfig;
import java.io.FileNotFoundException;

/**
 * Builds the Hazelcast {@link Config} of a node: the XML of {@code cluster.config-file} (or the
 * built-in {@code cluster.xml}), with the {@code cluster.*} keys of Switchboard's configuration
 * applied over it: cluster name, bind interface and public address, first port, and the TCP-IP
 * member list. Multicast and auto-detection are always off: members are listed explicitly.
 */
public final class HazelcastConfigFactory {

    /** Class-path resource of the built-in Hazelcast XML (a copy of {@code conf/cluster.xml}). */
    public static final String BUILT_IN = "cluster.xml";

    /** First Hazelcast serializer type id of Bucket4j's classes (it uses a few from there). */
    public static final int BUCKET4J_TYPE_ID_BASE = 10_000;

    private HazelcastConfigFactory() {
    }

    /**
     * @param cluster the validated {@code cluster.*} settings
     * @return a Hazelcast configuration ready for {@code new HazelcastClusterManager(config)}
     * @throws ConfigException when {@code cluster.config-file} cannot be read
     */
    public static Config create(SwitchboardConfig.Cluster cluster) {
        Config config = load(cluster.configFile());
        config.setClusterName(cluster.name());
        config.setProperty("hazelcast.logging.type", "slf4j");
        config.setProperty("hazelcast.shutdownhook.enabled", "false");
        config.setProperty("hazelcast.tcp.join.port.try.count", "10");

        NetworkConfig network = config.getNetworkConfig();
        network.setPort(cluster.port()).setPortAutoIncrement(true).setPortCount(10);
        network.setPublicAddress(cluster.host());
        // <interfaces> takes IP patterns only; a host name (a container's, say) is advertised
        // as the public address and Hazelcast binds to all interfaces.
        boolean ipAddress = cluster.host().matches("[0-9.]+|[0-9a-fA-F:]+");
        network.getInterfaces().clear();
        network.getInterfaces().setEnabled(ipAddress);
        if (ipAddress) {
            network.getInterfaces().addInterface(cluster.host());
        }

        // Bucket4j's entry processors (the API's rate limits) in its own compact form rather than Java
        // serialization; type ids 10000-10009 are reserved for them.
        io.github.bucket4j.grid.hazelcast.HazelcastProxyManager.addCustomSerializers(config.getSerializationConfig(),
                BUCKET4J_TYPE_ID_BASE);

        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).setMembers(cluster.members());
        return config;
    }

    private static Config load(String file) {
        if (file.isBlank()) {
            return new ClasspathXmlConfig(BUILT_IN);
        }
        try {
            return new FileSystemXmlConfig(file);
        } catch (FileNotFoundException e) {
            throw new ConfigException("cluster.config-file", "no such file: " + file);
        } catch (RuntimeException e) {
            throw new ConfigException("cluster.config-file", "not a valid Hazelcast XML: " + e.getMessage());
        }
    }
}
