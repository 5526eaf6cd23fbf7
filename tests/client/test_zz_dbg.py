from tests.client.conftest import *
from tests.client.test_play import joined, set_phase, space_point
from tests.client.test_deliberate import propose
def test_dbg(harness):
    app = joined(harness)
    set_phase(harness, app, "deliberation")
    click_widget(app, button(app.side, "tab:amend"))
    click(app, space_point(app, "cour"))
    pump(app, lambda: app.selected_space == "cour" and "use" in app.side.widgets)
    dd = app.side.widgets["use"]
    click_widget(app, dd)
    print("state", dd.current_state is dd.menu_states["expanded"])
    lst = dd.menu_states["expanded"].options_selection_list
    print(lst.get_abs_rect() if lst else None, dd.get_abs_rect(), app.side.rect)
    for i in lst.item_list: print(i["text"], i["button_element"] and i["button_element"].get_abs_rect())
