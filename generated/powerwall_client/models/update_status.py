from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.update_state import UpdateState
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.update_status_info import UpdateStatusInfo


T = TypeVar("T", bound="UpdateStatus")


@_attrs_define
class UpdateStatus:
    """The firmware update state.

    Attributes:
        state (str | UpdateState): Where the update stands.
        info (UpdateStatusInfo): Details of the state.
        current_time (int): The gateway's clock: milliseconds since the Unix epoch.
        last_status_time (int | Unset): When the state last changed: milliseconds since the Unix epoch (inferred from
            the name).
        version (str | Unset): The firmware the update is about (inferred from the name).
        offline_updating (bool | Unset): Whether an update from a local file is running.
        offline_update_error (str | Unset): Why the local update failed; `""` without one.
        estimated_bytes_per_second (float | None | Unset): Download speed, bytes per second; null when not downloading.
    """

    state: str | UpdateState
    info: UpdateStatusInfo
    current_time: int
    last_status_time: int | Unset = UNSET
    version: str | Unset = UNSET
    offline_updating: bool | Unset = UNSET
    offline_update_error: str | Unset = UNSET
    estimated_bytes_per_second: float | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        state: str
        if isinstance(self.state, UpdateState):
            state = self.state.value
        else:
            state = self.state

        info = self.info.to_dict()

        current_time = self.current_time

        last_status_time = self.last_status_time

        version = self.version

        offline_updating = self.offline_updating

        offline_update_error = self.offline_update_error

        estimated_bytes_per_second: float | None | Unset
        if isinstance(self.estimated_bytes_per_second, Unset):
            estimated_bytes_per_second = UNSET
        else:
            estimated_bytes_per_second = self.estimated_bytes_per_second

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "state": state,
                "info": info,
                "current_time": current_time,
            }
        )
        if last_status_time is not UNSET:
            field_dict["last_status_time"] = last_status_time
        if version is not UNSET:
            field_dict["version"] = version
        if offline_updating is not UNSET:
            field_dict["offline_updating"] = offline_updating
        if offline_update_error is not UNSET:
            field_dict["offline_update_error"] = offline_update_error
        if estimated_bytes_per_second is not UNSET:
            field_dict["estimated_bytes_per_second"] = estimated_bytes_per_second

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.update_status_info import UpdateStatusInfo

        d = dict(src_dict)

        def _parse_state(data: object) -> str | UpdateState:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                state_type_0 = UpdateState(data)

                return state_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(str | UpdateState, data)

        state = _parse_state(d.pop("state"))

        info = UpdateStatusInfo.from_dict(d.pop("info"))

        current_time = d.pop("current_time")

        last_status_time = d.pop("last_status_time", UNSET)

        version = d.pop("version", UNSET)

        offline_updating = d.pop("offline_updating", UNSET)

        offline_update_error = d.pop("offline_update_error", UNSET)

        def _parse_estimated_bytes_per_second(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        estimated_bytes_per_second = _parse_estimated_bytes_per_second(
            d.pop("estimated_bytes_per_second", UNSET)
        )

        update_status = cls(
            state=state,
            info=info,
            current_time=current_time,
            last_status_time=last_status_time,
            version=version,
            offline_updating=offline_updating,
            offline_update_error=offline_update_error,
            estimated_bytes_per_second=estimated_bytes_per_second,
        )

        update_status.additional_properties = d
        return update_status

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
