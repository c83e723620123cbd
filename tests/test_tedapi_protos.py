"""Every TEDAPI message of spec/tedapi against hand-assembled wire bytes (field numbers from the public
evidence, not our encoder), and against pypowerwall's own compiled protos where it has the message: the
bytes a real gateway and pypowerwall exchange must be exactly ours."""

from __future__ import annotations

import importlib

import pytest
from google.protobuf import unknown_fields
from google.protobuf.message import Message as ProtoMessage

from tedapi_client import common_pb2, energy_device_pb2, legacy_pb2, routable_pb2
from tests.tedapi_wire import double, fixed32, ld, vint

DIN = "1232100-00-E--TG123456789012"


def same_bytes(message: ProtoMessage, wire: bytes) -> None:
    """Our encoding is the hand-assembled bytes, and decoding them gives the message back."""
    assert message.SerializeToString(deterministic=True) == wire
    decoded = type(message).FromString(wire)
    assert decoded == message
    assert decoded.SerializeToString(deterministic=True) == wire


def legacy_request(body: bytes, *, tail: int = 1) -> bytes:
    envelope = vint(1, 1) + ld(2, vint(3, 1)) + ld(3, ld(1, DIN)) + body
    return ld(1, envelope) + ld(2, vint(1, tail))


def test_legacy_config_request_is_the_wire_pypowerwall_sends() -> None:
    m = legacy_pb2.Message()
    m.message.deliveryChannel = common_pb2.DELIVERY_CHANNEL_LOCAL_HTTPS
    m.message.sender.local = common_pb2.LOCAL_PARTICIPANT_INSTALLER
    m.message.recipient.din = DIN
    m.message.config.send.num = 1
    m.message.config.send.file = "config.json"
    m.tail.value = 1
    same_bytes(m, legacy_request(ld(15, ld(1, vint(1, 1) + ld(2, "config.json")))))


def test_legacy_config_answer_carries_the_text_and_its_hash() -> None:
    wire = ld(15, ld(2, ld(1, ld(1, "config.json") + ld(100, '{"vin":"x"}')) + ld(2, b"\x01\x02")))
    envelope = legacy_pb2.MessageEnvelope.FromString(wire)
    assert envelope.config.recv.file.text == '{"vin":"x"}'
    assert envelope.config.recv.code == b"\x01\x02"
    same_bytes(envelope, wire)


def test_legacy_query_request_and_answer() -> None:
    m = legacy_pb2.MessageEnvelope()
    send = m.payload.send
    send.num = 2
    send.payload.value = 1
    send.payload.text = "query DeviceControllerQuery{x}"
    send.code = b"\x30\x81\x88"
    send.b.value = '{"a":1}'
    wire = ld(
        16,
        ld(
            1,
            vint(1, 2)
            + ld(2, vint(1, 1) + ld(2, "query DeviceControllerQuery{x}"))
            + ld(3, b"\x30\x81\x88")
            + ld(4, ld(1, '{"a":1}')),
        ),
    )
    same_bytes(m, wire)
    answer = ld(
        16, ld(2, vint(1, 1) + ld(2, '{"control":{}}') + ld(3, ld(1, "control") + vint(2, 2) + ld(3, "unauthorized")))
    )
    recv = legacy_pb2.MessageEnvelope.FromString(answer).payload.recv
    assert (recv.value, recv.text) == (1, '{"control":{}}')
    assert [(list(e.path), e.code, e.message) for e in recv.errors] == [(["control"], 2, "unauthorized")]


def test_legacy_firmware_request_sends_the_empty_request_and_reads_the_system() -> None:
    m = legacy_pb2.MessageEnvelope()
    m.firmware.request = ""
    same_bytes(m, ld(4, ld(2, b"")))
    wire = ld(
        4,
        ld(
            3,
            ld(1, ld(1, "1232100-00-E") + ld(2, "TG123"))
            + ld(2, DIN)
            + ld(3, ld(1, "25.10.1") + ld(2, b"\xab"))
            + vint(6, 1),
        ),
    )
    system = legacy_pb2.MessageEnvelope.FromString(wire).firmware.system
    assert (system.gateway.partNumber, system.din, system.version.text, system.deviceType) == (
        "1232100-00-E",
        DIN,
        "25.10.1",
        1,
    )
    same_bytes(legacy_pb2.MessageEnvelope.FromString(wire), wire)


def test_participant_kinds() -> None:
    for field, number, value in (("teslaService", 2, 1), ("local", 3, 2), ("authorizedClient", 4, 1)):
        p = common_pb2.Participant()
        setattr(p, field, value)
        same_bytes(p, vint(number, value))
    p = common_pb2.Participant()
    p.proxiedDevice.proxyDin = "a"
    p.proxiedDevice.targetDin = "b"
    same_bytes(p, ld(5, ld(1, "a") + ld(2, "b")))


def ed_envelope(body: bytes) -> bytes:
    return vint(1, 2) + ld(2, vint(4, 1)) + ld(3, ld(1, DIN)) + body


def v1r_envelope() -> energy_device_pb2.MessageEnvelope:
    m = energy_device_pb2.MessageEnvelope()
    m.deliveryChannel = common_pb2.DELIVERY_CHANNEL_HERMES_COMMAND
    m.sender.authorizedClient = common_pb2.AUTHORIZED_CLIENT_TYPE_CUSTOMER_MOBILE_APP
    m.recipient.din = DIN
    return m


def test_filestore_read_update_and_their_answers() -> None:
    m = v1r_envelope()
    m.filestore.readFileRequest.domain = energy_device_pb2.FILE_STORE_API_DOMAIN_CONFIG_JSON
    m.filestore.readFileRequest.name = "config.json"
    m.filestore.readFileRequest.ifDifferentHash = b"h0"
    same_bytes(m, ed_envelope(ld(15, ld(1, vint(1, 1) + ld(2, "config.json") + ld(3, b"h0")))))

    m = v1r_envelope()
    update = m.filestore.updateFileRequest
    update.domain = energy_device_pb2.FILE_STORE_API_DOMAIN_CONFIG_JSON
    update.file.name = "config.json"
    update.file.blob = b"{}"
    update.hash = b"h1"
    same_bytes(m, ed_envelope(ld(15, ld(5, vint(1, 1) + ld(2, ld(1, "config.json") + ld(100, b"{}")) + ld(3, b"h1")))))

    read = energy_device_pb2.FileStoreMessages.FromString(
        ld(2, ld(1, ld(1, "config.json") + ld(100, b"{}")) + ld(2, b"h1"))
    )
    assert (read.readFileResponse.file.blob, read.readFileResponse.hash) == (b"{}", b"h1")
    written = energy_device_pb2.FileStoreMessages.FromString(ld(6, ld(2, b"h2")))
    assert written.updateFileResponse.hash == b"h2"
    forced = energy_device_pb2.FileStoreMessages()
    forced.forceWriteFileRequest.domain = 1
    forced.forceWriteFileRequest.file.name = "config.json"
    same_bytes(forced, ld(3, vint(1, 1) + ld(2, ld(1, "config.json"))))
    same_bytes(energy_device_pb2.FileStoreMessages(forceWriteFileResponse={"hash": b"h"}), ld(4, ld(1, b"h")))


def test_a_legacy_config_request_is_byte_for_byte_a_filestore_read() -> None:
    legacy = legacy_pb2.MessageEnvelope()
    legacy.config.send.num = 1
    legacy.config.send.file = "config.json"
    filestore = energy_device_pb2.MessageEnvelope()
    filestore.filestore.readFileRequest.domain = energy_device_pb2.FILE_STORE_API_DOMAIN_CONFIG_JSON
    filestore.filestore.readFileRequest.name = "config.json"
    assert legacy.SerializeToString() == filestore.SerializeToString()


def test_graphql_signed_query_request_and_answer() -> None:
    signed = energy_device_pb2.SignedGraphQLQuery(version=2, query=b"query Q{x}")
    same_bytes(signed, vint(1, 2) + ld(2, "query Q{x}"))
    m = v1r_envelope()
    q = m.graphql.queryRequest
    q.format = energy_device_pb2.GRAPH_QL_QUERY_FORMAT_SIGNED_SHA256_ECDSA_ASN1
    q.query = signed.SerializeToString()
    q.signature = b"\x30\x81"
    q.variablesJson.value = "{}"
    same_bytes(
        m,
        ed_envelope(
            ld(
                16,
                ld(1, vint(1, 2) + ld(2, vint(1, 2) + ld(2, "query Q{x}")) + ld(3, b"\x30\x81") + ld(4, ld(1, "{}"))),
            )
        ),
    )
    answer = ld(
        16, ld(2, vint(1, 2) + ld(2, '{"a":1}') + ld(3, ld(1, "a") + ld(1, "b") + vint(2, 1) + ld(3, "no such field")))
    )
    response = energy_device_pb2.MessageEnvelope.FromString(answer).graphql.queryResponse
    assert response.status == energy_device_pb2.GRAPH_QL_STATUS_ERROR_PARTIAL
    assert [(list(e.path), e.code, e.message) for e in response.errors] == [(["a", "b"], 1, "no such field")]
    same_bytes(energy_device_pb2.MessageEnvelope.FromString(answer), answer)


def test_teg_island_mode_and_manual_backup_events() -> None:
    m = v1r_envelope()
    m.teg.setIslandModeRequest.mode = 6
    m.teg.setIslandModeRequest.force = True
    same_bytes(m, ed_envelope(ld(5, ld(3, vint(1, 6) + vint(2, 1)))))
    same_bytes(energy_device_pb2.TEGMessages(setIslandModeResponse={"result": 1}), ld(4, vint(1, 1)))

    teg = energy_device_pb2.TEGMessages()
    info = teg.schedule_manual_backup_event_request.scheduling_info
    info.start_time.seconds = 1_700_000_000
    info.duration_seconds = 7200
    info.priority = 1
    same_bytes(teg, ld(45, ld(1, ld(1, vint(1, 1_700_000_000)) + vint(2, 7200) + vint(3, 1))))
    same_bytes(energy_device_pb2.TEGMessages(schedule_manual_backup_event_response={}), ld(46, b""))
    same_bytes(energy_device_pb2.TEGMessages(cancel_manual_backup_event_request={}), ld(47, b""))
    same_bytes(energy_device_pb2.TEGMessages(cancel_manual_backup_event_response={}), ld(48, b""))
    same_bytes(energy_device_pb2.TEGMessages(get_backup_events_request={}), ld(49, b""))
    events = ld(50, ld(1, ld(1, vint(2, 60))) + ld(2, ld(1, "e1") + ld(2, "storm") + ld(3, vint(2, 30))))
    got = energy_device_pb2.TEGMessages.FromString(events).get_backup_events_response
    assert got.manual_backup_event.scheduling_info.duration_seconds == 60
    assert [(e.id, e.name, e.scheduling_info.duration_seconds) for e in got.backup_events] == [("e1", "storm", 30)]
    same_bytes(energy_device_pb2.TEGMessages.FromString(events), events)

    dispatch = energy_device_pb2.TEGMessages()
    dispatch.dispatch_battery_power_request.real_power.power_watts = -1500.0
    dispatch.dispatch_battery_power_request.real_power.duration_seconds = 60
    same_bytes(dispatch, ld(37, ld(2, double(1, -1500.0) + vint(2, 60))))


def test_authorization_add_list_remove() -> None:
    m = v1r_envelope()
    add = m.authorization.addAuthorizedClientRequest
    add.type = common_pb2.AUTHORIZED_CLIENT_TYPE_CUSTOMER_MOBILE_APP
    add.description = "pwkit"
    add.keyType = energy_device_pb2.AUTHORIZED_KEY_TYPE_RSA
    add.publicKey = b"\x30\x82"
    same_bytes(m, ed_envelope(ld(12, ld(1, vint(1, 1) + ld(2, "pwkit") + vint(3, 1) + ld(4, b"\x30\x82")))))
    same_bytes(
        energy_device_pb2.AuthorizationMessages(removeAuthorizedClientRequest={"publicKey": b"k"}), ld(3, ld(1, b"k"))
    )
    same_bytes(energy_device_pb2.AuthorizationMessages(removeAuthorizedClientResponse={}), ld(4, b""))
    same_bytes(energy_device_pb2.AuthorizationMessages(listAuthorizedClientsRequest={}), ld(5, b""))
    # roles (repeated enum) is packed in proto3; an unpacked one (5: 1) is read the same.
    assert list(energy_device_pb2.AuthorizationRecord.FromString(vint(5, 1)).roles) == [1]
    record = (
        vint(1, 1)
        + ld(2, "pwkit")
        + vint(3, 1)
        + ld(4, b"k")
        + ld(5, b"\x01")
        + vint(6, 3)
        + vint(7, 1)
        + ld(8, vint(1, 5))
        + ld(9, "id")
        + ld(10, b"by")
    )
    listed = ld(6, ld(1, record) + vint(2, 1))
    clients = energy_device_pb2.AuthorizationMessages.FromString(listed).listAuthorizedClientsResponse
    (client,) = clients.clients
    assert client.state == energy_device_pb2.AUTHORIZED_STATE_VERIFIED
    assert (client.publicKey, list(client.roles), client.addedTime.seconds, clients.enableLineSwitchOff) == (
        b"k",
        [1],
        5,
        True,
    )
    same_bytes(energy_device_pb2.AuthorizationMessages.FromString(listed), listed)
    added = ld(2, ld(1, record))
    assert (
        energy_device_pb2.AuthorizationMessages.FromString(added).addAuthorizedClientResponse.client.description
        == "pwkit"
    )


def test_authorized_states_are_the_published_numbers() -> None:
    assert [
        energy_device_pb2.AuthorizedState.Value(n)
        for n in (
            "AUTHORIZED_STATE_PENDING_VERIFICATION",
            "AUTHORIZED_STATE_PENDING_VERIFICATION_TIMEOUT",
            "AUTHORIZED_STATE_VERIFIED",
            "AUTHORIZED_STATE_REMOVED",
        )
    ] == [1, 2, 3, 4]


def test_common_error_response_and_system_info() -> None:
    wire = ld(4, ld(1, ld(1, vint(1, 12) + ld(2, "unimplemented") + ld(3, ld(1, "t") + ld(2, b"v")))))
    envelope = energy_device_pb2.MessageEnvelope.FromString(wire)
    assert (envelope.common.errorResponse.status.code, envelope.common.errorResponse.status.message) == (
        12,
        "unimplemented",
    )
    same_bytes(envelope, wire)
    same_bytes(energy_device_pb2.CommonMessages(getSystemInfoRequest={}), ld(2, b""))
    info = ld(3, ld(1, ld(1, "p") + ld(2, "s")) + ld(2, DIN) + ld(3, ld(1, "26.10.4")) + vint(6, 2))
    got = energy_device_pb2.CommonMessages.FromString(info).getSystemInfoResponse
    assert (got.din, got.firmwareVersion.version, got.deviceId.serialNumber) == (DIN, "26.10.4", "s")


def test_auth_envelope_carries_presence() -> None:
    auth = energy_device_pb2.AuthEnvelope(payload=b"\x08\x01")
    auth.externalAuth.type = energy_device_pb2.EXTERNAL_AUTH_TYPE_PRESENCE
    same_bytes(auth, ld(1, b"\x08\x01") + ld(2, vint(1, 1)))


def test_transport_message_of_the_energy_device_set() -> None:
    m = energy_device_pb2.Message()
    m.message.CopyFrom(v1r_envelope())
    m.tail.value = 1
    same_bytes(m, ld(1, ed_envelope(b"")) + ld(2, vint(1, 1)))


def test_routable_message_request_and_faults() -> None:
    r = routable_pb2.RoutableMessage()
    r.to_destination.domain = routable_pb2.DOMAIN_ENERGY_DEVICE
    r.protobuf_message_as_bytes = b"env"
    r.signature_data.signer_identity.public_key = b"pub"
    r.signature_data.rsa_data.expires_at = 0x6553F100
    r.signature_data.rsa_data.signature = b"sig"
    r.uuid = b"u" * 36
    wire = (
        ld(6, vint(1, 7))
        + ld(10, b"env")
        + ld(13, ld(1, ld(1, b"pub")) + ld(7, fixed32(1, 0x6553F100) + ld(2, b"sig")))
        + ld(51, b"u" * 36)
    )
    same_bytes(r, wire)
    for fault in (2, 3, 17):
        answer = routable_pb2.RoutableMessage.FromString(ld(7, vint(1, 7)) + ld(12, vint(1, fault)))
        assert answer.signed_message_status.message_fault == fault
    assert routable_pb2.MESSAGEFAULT_ERROR_TIMEOUT == 2
    assert routable_pb2.MESSAGEFAULT_ERROR_UNKNOWN_KEY_ID == 3
    flagged = ld(50, b"req") + vint(52, 0)
    assert routable_pb2.RoutableMessage.FromString(flagged).request_uuid == b"req"
    handle = routable_pb2.KeyIdentity(handle=9)
    same_bytes(handle, vint(3, 9))
    same_bytes(routable_pb2.Destination(routing_address=b"ra"), ld(2, b"ra"))


def test_unknown_fields_and_enum_values_survive_a_round_trip() -> None:
    wire = ed_envelope(ld(5, ld(3, vint(1, 99) + vint(9, 5)))) + ld(99, b"future")
    envelope = energy_device_pb2.MessageEnvelope.FromString(wire)
    assert envelope.teg.setIslandModeRequest.mode == 99
    assert envelope.SerializeToString() == wire
    status = routable_pb2.MessageStatus.FromString(vint(1, 200))
    assert status.message_fault == 200


PYPOWERWALL = "pypowerwall.tedapi.protobuf"


def has_unknown_fields(message: ProtoMessage) -> bool:
    if len(unknown_fields.UnknownFieldSet(message)):
        return True
    for descriptor, value in message.ListFields():
        if descriptor.message_type is None:
            continue
        values = value if descriptor.is_repeated else [value]
        if any(has_unknown_fields(v) for v in values):
            return True
    return False


@pytest.mark.parametrize(
    ("ours", "theirs"),
    [
        (legacy_pb2.Message, "V2024_06.tedapi_pb2.Message"),
        (legacy_pb2.MessageEnvelope, "V2024_06.tedapi_pb2.MessageEnvelope"),
        (energy_device_pb2.MessageEnvelope, "V2024_06.tedapi_combined_pb2.MessageEnvelope"),
        (energy_device_pb2.AuthEnvelope, "V2024_06.tedapi_combined_pb2.AuthEnvelope"),
        (routable_pb2.RoutableMessage, "V2024_06.tedapi_combined_pb2.RoutableMessage"),
        (energy_device_pb2.GraphQLMessages, "V2026_06.tedapi_v2_energy_device_pb2.GraphQLMessages"),
        (energy_device_pb2.AuthorizationMessages, "V2026_06.tedapi_v2_energy_device_pb2.AuthorizationMessages"),
        (energy_device_pb2.FileStoreMessages, "V2026_06.tedapi_v2_energy_device_pb2.FileStoreMessages"),
    ],
)
def test_pypowerwall_reads_our_bytes_as_the_same_message(ours: type[ProtoMessage], theirs: str) -> None:
    """pypowerwall's compiled protos (unmodified, in the same process) parse our messages to the same bytes."""
    module_name, _, cls_name = theirs.rpartition(".")
    their_cls = getattr(importlib.import_module(f"{PYPOWERWALL}.{module_name}"), cls_name)
    samples = {
        legacy_pb2.Message: legacy_request(
            ld(16, ld(1, vint(1, 2) + ld(2, vint(1, 1) + ld(2, "q")) + ld(3, b"c") + ld(4, ld(1, "{}"))))
        ),
        legacy_pb2.MessageEnvelope: ld(4, ld(2, b"")),
        energy_device_pb2.MessageEnvelope: ed_envelope(ld(5, ld(3, vint(1, 6) + vint(2, 1)))),
        energy_device_pb2.AuthEnvelope: ld(1, b"\x08\x01") + ld(2, vint(1, 1)),
        routable_pb2.RoutableMessage: ld(6, vint(1, 7))
        + ld(10, b"e")
        + ld(12, vint(1, 3))
        + ld(13, ld(1, ld(1, b"k")) + ld(7, fixed32(1, 5) + ld(2, b"s")))
        + ld(51, b"u"),
        energy_device_pb2.GraphQLMessages: ld(
            1, vint(1, 2) + ld(2, vint(1, 2) + ld(2, "q")) + ld(3, b"s") + ld(4, ld(1, "{}"))
        ),
        energy_device_pb2.AuthorizationMessages: ld(1, vint(1, 1) + ld(2, "d") + vint(3, 1) + ld(4, b"k")),
        energy_device_pb2.FileStoreMessages: ld(
            5, vint(1, 1) + ld(2, ld(1, "config.json") + ld(100, b"{}")) + ld(3, b"h")
        ),
    }
    wire = samples[ours]
    mine = ours.FromString(wire)
    assert not has_unknown_fields(mine), "every field of the sample is one we model"
    theirs_parsed = their_cls.FromString(mine.SerializeToString())
    assert theirs_parsed.SerializeToString() == wire
