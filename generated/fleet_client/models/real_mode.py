from enum import StrEnum


class RealMode(StrEnum):
    """An open set of gateway strings: the members are the values seen so far.

    The gateway adds values between firmware versions. An unknown value is
    not an error: it becomes a member of its own (``is_known`` is False) whose
    value passes through unchanged, so parsing never fails on it.
    """

    AUTONOMOUS = "autonomous"
    BACKUP = "backup"
    SELF_CONSUMPTION = "self_consumption"

    def __str__(self) -> str:
        return str(self.value)

    @property
    def is_known(self) -> bool:
        """False for a value this client was generated without."""
        return self._value_ in type(self)._value2member_map_

    @classmethod
    def _missing_(cls, value: object) -> "RealMode | None":
        if not isinstance(value, str):
            return None
        member = str.__new__(cls, value)
        member._name_ = value
        member._value_ = value
        return member
