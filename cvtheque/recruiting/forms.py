"""Forms of the recruiters' tools: saved lists, notes, the alert frequency of a favourite search."""

from django import forms

from cvtheque.recruiting.enums import AlertFrequency
from cvtheque.recruiting.models import SavedList


class SavedListForm(forms.ModelForm):
    class Meta:
        model = SavedList
        fields = ["name"]
        labels = {"name": "Nom de la liste"}

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError("Donnez un nom à la liste.")
        return name


class SaveCVForm(forms.Form):
    """« Sauvegarder »: the default list when no list is chosen."""

    saved_list = forms.ModelChoiceField(queryset=SavedList.objects.none(), required=False, label="Liste",
                                        empty_label="MES CV SAUVEGARDÉS")
    note = forms.CharField(label="Note privée", required=False, max_length=2000, widget=forms.Textarea(
        attrs={"rows": 2}))

    def __init__(self, *args, company, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["saved_list"].queryset = SavedList.objects.of_company(company)


class NoteForm(forms.Form):
    note = forms.CharField(label="Note privée", required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 2}))


class AlertFrequencyForm(forms.Form):
    alert_frequency = forms.ChoiceField(label="Alerte e-mail", choices=AlertFrequency.choices)
