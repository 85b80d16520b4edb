from django.dispatch import Signal

# Sent with image_id=<pk> after an image's missing renditions were stored: pages
# showing the image can now offer them (the story body listens).
renditions_made = Signal()
