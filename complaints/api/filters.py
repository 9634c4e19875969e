import django_filters

from complaints.models import Complaint, Regime


class ComplaintFilter(django_filters.FilterSet):
    regime = django_filters.ModelChoiceFilter(field_name="regime", to_field_name="code", queryset=Regime.objects.all())
    open = django_filters.BooleanFilter(field_name="closed_on", lookup_expr="isnull", label="Open (not closed)")
    received_after = django_filters.DateFilter(field_name="received_on", lookup_expr="gte")
    received_before = django_filters.DateFilter(field_name="received_on", lookup_expr="lte")

    class Meta:
        model = Complaint
        fields = ["kind", "regime", "service", "open", "received_after", "received_before"]
