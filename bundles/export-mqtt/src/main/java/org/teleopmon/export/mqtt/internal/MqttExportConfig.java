package org.teleopmon.export.mqtt.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Teleop Monitor MQTT export",
        description = "Publishes every event to an MQTT broker under <topic.prefix>/<site>/<robot id>/<type> (the wire "
                + "schema, with a per-robot seq), a retained state and a retained online/offline status with a Last "
                + "Will. Events wait on disk while the broker is away. Robot id and site: org.teleopmon.robot. "
                + "Any change reconnects.")
public @interface MqttExportConfig {

    @AttributeDefinition(description = "Publish to the broker. Off by default.")
    boolean enabled() default false;

    @AttributeDefinition(description = "The broker: tcp://host:1883, or ssl://host:8883 for TLS.")
    String broker_uri() default "tcp://127.0.0.1:1883";

    @AttributeDefinition(description = "MQTT client id. Empty: the robot id (each robot needs its own).",
            required = false)
    String client_id() default "";

    @AttributeDefinition(description = "User name for the broker; empty connects without credentials.",
            required = false)
    String username() default "";

    @AttributeDefinition(description = "Password for the broker.", type = AttributeType.PASSWORD, required = false)
    String password() default "";

    @AttributeDefinition(description = "PEM file of the certificate authority that signed the broker's certificate "
            + "(ssl:// only). Empty: the JVM's trusted authorities.", required = false)
    String tls_ca_file() default "";

    @AttributeDefinition(description = "PKCS#12 file with this robot's client certificate and key, for brokers "
            + "that require one (ssl:// only).", required = false)
    String tls_client_keystore() default "";

    @AttributeDefinition(description = "Password of tls.client.keystore.", type = AttributeType.PASSWORD,
            required = false)
    String tls_client_keystore_password() default "";

    @AttributeDefinition(description = "First topic level.")
    String topic_prefix() default "teleop";

    @AttributeDefinition(description = "Which events to publish, by wire name (state_update, operator_connected, "
            + "teleoperation_started, latency_warning, alert_resolved, ...); * for all.")
    String[] events() default {"*"};

    @AttributeDefinition(description = "Least time between two retained state publications, in seconds.",
            min = "0")
    double state_interval() default 1.0;

    @AttributeDefinition(description = "Most bytes of events waiting on disk for the broker; when full the oldest "
            + "are dropped and counted.", min = "65536")
    int queue_max_bytes() default 16 * 1024 * 1024;

    @AttributeDefinition(description = "Directory of the waiting events. Empty: <karaf.data>/export-mqtt.",
            required = false)
    String queue_dir() default "";

    @AttributeDefinition(description = "MQTT keep-alive, in seconds; the broker publishes the Last Will after 1.5 "
            + "times this without a word from the monitor.", min = "1")
    double keepalive() default 30;

    @AttributeDefinition(description = "Longest wait between two connection attempts, in seconds (the wait starts "
            + "at 1 s and doubles).", min = "1")
    double reconnect_max_delay() default 60;

    @AttributeDefinition(description = "Time to wait for the broker's answer (connect, publish), in seconds.",
            min = "1")
    double timeout() default 10;
}
